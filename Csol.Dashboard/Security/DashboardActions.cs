using System.Security.Claims;
using Csol.Abstractions.Services;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace Csol.Dashboard.Security;

/// <summary>What a page does before and after it changes something for the signed-in user: check the same policy the
/// API checks (the buttons are hidden already; this stops a stale page), then write the audit entry.</summary>
public static class DashboardActions
{
    public static async Task<ClaimsPrincipal> UserAsync(Task<AuthenticationState>? state) =>
        state is null ? new ClaimsPrincipal(new ClaimsIdentity()) : (await state).User;

    public static string Name(ClaimsPrincipal user) => user.Identity?.Name ?? "(anonymous)";

    /// <summary>True when the user may manage an experiment with that owner; a refusal is audited.</summary>
    public static async Task<bool> MayManageAsync(IServiceProvider services, ClaimsPrincipal user, Guid experimentId, string? owner, string action)
    {
        var authorization = services.GetRequiredService<IAuthorizationService>();
        if ((await authorization.AuthorizeAsync(user, owner ?? "", CsolPolicies.ManageExperiment)).Succeeded)
            return true;
        await AuditAsync(services, user, action, $"experiment {experimentId}", "denied", $"owned by {owner ?? "nobody"}");
        return false;
    }

    public static async Task<bool> MayAsync(IServiceProvider services, ClaimsPrincipal user, string policy) =>
        (await services.GetRequiredService<IAuthorizationService>().AuthorizeAsync(user, policy)).Succeeded;

    /// <summary>Audits through the host's trail; a host (or test) without one records nothing.</summary>
    public static Task AuditAsync(IServiceProvider services, ClaimsPrincipal user, string action, string target, string outcome, string? detail = null) =>
        services.GetService<IAuditTrail>()?.RecordAsync(Name(user), action, target, outcome, null, detail) ?? Task.CompletedTask;
}
