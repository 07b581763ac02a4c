using System.Globalization;
using Csol.Abstractions;
using Csol.Abstractions.Services;
using Csol.Dashboard.Security;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Csol.Dashboard.Components.Account;

public sealed partial class Login
{
    [SupplyParameterFromQuery] public string? ReturnUrl { get; set; }
    [SupplyParameterFromQuery] public string? Error { get; set; }
    [SupplyParameterFromQuery] public string? SignedOut { get; set; }
}
