using System.Globalization;
using Csol.Abstractions;
using Csol.Abstractions.Services;
using Csol.Dashboard.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Csol.Dashboard.Components.Pages.Admin;

public sealed partial class UsersPage
{
    [Inject] private DashboardActions Actions { get; set; } = null!;
    [Inject] private NavigationManager Navigation { get; set; } = null!;

    [CascadingParameter] private Task<AuthenticationState>? AuthState { get; set; }

    [Inject] private OptionalService<IUserAdmin> UsersService { get; set; } = null!;

    private IUserAdmin? Users => UsersService.Value;
    private IReadOnlyList<UserInfo> _users = [];
    private string _name = "";
    private string _role = CsolRoles.Researcher;
    private string? _error;
    private UserInvite? _invite;

    protected override async Task OnInitializedAsync()
    {
        if (Users is not null)
            _users = await Users.ListAsync();
    }

    private async Task AddAsync()
    {
        var user = await DashboardActions.UserAsync(AuthState);
        if (!await Actions.MayAsync(user, CsolPolicies.Admin))
            return;
        try
        {
            _invite = await Users!.AddAsync(_name.Trim(), _role);
            _error = null;
            await Actions.AuditAsync(user, "user.add", $"user {_invite.UserName}", "ok", $"role {_role}");
        }
        catch (ArgumentException e)
        {
            _error = e.Message;
            _invite = null;
        }
        _users = await Users!.ListAsync();
    }

    private async Task SetRoleAsync(string name, string role)
    {
        var user = await DashboardActions.UserAsync(AuthState);
        if (!await Actions.MayAsync(user, CsolPolicies.Admin))
            return;
        try
        {
            await Users!.SetRoleAsync(name, role);
            _error = null;
            await Actions.AuditAsync(user, "role.change", $"user {name}", "ok", $"now {role}");
        }
        catch (ArgumentException e)
        {
            _error = e.Message;
            await Actions.AuditAsync(user, "role.change", $"user {name}", "failed", e.Message);
        }
        _users = await Users!.ListAsync();
    }
}
