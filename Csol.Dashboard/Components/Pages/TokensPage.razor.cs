using System.Globalization;
using Csol.Abstractions;
using Csol.Abstractions.Services;
using Csol.Dashboard.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Csol.Dashboard.Components.Pages;

public sealed partial class TokensPage
{
    [Inject] private DashboardActions Actions { get; set; } = null!;

    [CascadingParameter] private Task<AuthenticationState>? AuthState { get; set; }

    [Inject] private OptionalService<IApiTokenService> TokensService { get; set; } = null!;

    private IApiTokenService? Tokens => TokensService.Value;
    private IReadOnlyList<ApiTokenInfo> _tokens = [];
    private string _name = "ci";
    private string _scope = "read";
    private string _expires = "30d";
    private string? _error;
    private CreatedApiToken? _created;

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        if (Tokens is null)
            return;
        var user = await DashboardActions.UserAsync(AuthState);
        _tokens = await Tokens.ListAsync(user.IsInRole(CsolRoles.Admin) ? null : user.Identity?.Name);
    }

    private async Task CreateAsync()
    {
        var user = await DashboardActions.UserAsync(AuthState);
        if (!await Actions.MayAsync(user, CsolPolicies.Write))
            return;
        try
        {
            _created = await Tokens!.CreateAsync(DashboardActions.Name(user), _name, _scope, _expires);
            _error = null;
            await Actions.AuditAsync(user, "token.create", $"token {_created.Info.Id} ({_created.Info.Name})", "ok", $"scope {_scope}");
        }
        catch (ArgumentException e)
        {
            _error = e.Message;
            _created = null;
        }
        await LoadAsync();
    }

    private async Task RevokeAsync(Guid id)
    {
        var user = await DashboardActions.UserAsync(AuthState);
        if (!await Actions.MayAsync(user, CsolPolicies.Write))
            return;
        var revoked = await Tokens!.RevokeAsync(id, user.IsInRole(CsolRoles.Admin) ? null : user.Identity?.Name);
        await Actions.AuditAsync(user, "token.revoke", $"token {id}", revoked ? "ok" : "failed");
        await LoadAsync();
    }

    private static string Time(DateTimeOffset? t) => t?.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "–";
}
