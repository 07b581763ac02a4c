using System.Globalization;
using Csol.Abstractions;
using Csol.Abstractions.Services;
using Csol.Dashboard.Security;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Csol.Dashboard.Components.Account;

public sealed partial class Setup
{
    [SupplyParameterFromQuery] public string? Token { get; set; }
    [SupplyParameterFromQuery] public string? User { get; set; }
    [SupplyParameterFromQuery] public string? Code { get; set; }
    [SupplyParameterFromQuery] public string? Error { get; set; }
}
