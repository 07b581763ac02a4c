using System.Globalization;
using Csol.Abstractions;
using Csol.Abstractions.Services;
using Csol.Dashboard.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using MudBlazor;

namespace Csol.Dashboard.Components.Account;

public sealed partial class Logout
{
    [CascadingParameter] private HttpContext HttpContext { get; set; } = default!;
}
