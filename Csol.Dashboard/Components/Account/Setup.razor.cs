using System.Globalization;
using Csol.Abstractions;
using Csol.Abstractions.Services;
using Csol.Dashboard.Security;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Csol.Dashboard.Components.Account;

public sealed partial class Setup
{
    /// <summary>The first-admin setup token the host printed at start (<c>?token=</c>); null on an invite link.</summary>
    [SupplyParameterFromQuery] public string? Token { get; set; }

    /// <summary>The invited user (<c>?user=</c>), with <see cref="Code"/>.</summary>
    [SupplyParameterFromQuery] public string? User { get; set; }

    /// <summary>The invite's one-time code (<c>?code=</c>).</summary>
    [SupplyParameterFromQuery] public string? Code { get; set; }

    /// <summary>Why the last attempt was refused, as the host redirected back (<c>?error=</c>).</summary>
    [SupplyParameterFromQuery] public string? Error { get; set; }
}
