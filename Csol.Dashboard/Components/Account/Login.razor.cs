using System.Globalization;
using Csol.Abstractions;
using Csol.Abstractions.Services;
using Csol.Dashboard.Security;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Csol.Dashboard.Components.Account;

public sealed partial class Login
{
    /// <summary>Where to go once signed in (<c>?returnUrl=</c>); the host accepts local paths only.</summary>
    [SupplyParameterFromQuery] public string? ReturnUrl { get; set; }

    /// <summary>Why the last attempt failed (<c>invalid</c>, <c>locked</c>, <c>setup</c>), as the host redirected back.</summary>
    [SupplyParameterFromQuery] public string? Error { get; set; }

    /// <summary>Set after signing out, to say so.</summary>
    [SupplyParameterFromQuery] public string? SignedOut { get; set; }
}
