using System.Security.Claims;
using Csol.Abstractions.Services;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;

namespace Csol.Dashboard.Security;

/// <summary>What a page does before and after it changes something for the signed-in user: check the same policy the
/// API checks (the buttons are hidden already; this stops a stale page), then write the audit entry.</summary>
/// <remarks>Injected per circuit; a host (or test) without an audit trail records nothing. Entries carry the circuit's
/// source address (<see cref="CircuitAddress"/>).</remarks>
public sealed class DashboardActions(IAuthorizationService authorization, OptionalService<IAuditTrail> audit, CircuitAddress address)
{
    public static async Task<ClaimsPrincipal> UserAsync(Task<AuthenticationState>? state) =>
        state is null ? new ClaimsPrincipal(new ClaimsIdentity()) : (await state).User;

    public static string Name(ClaimsPrincipal user) => user.Identity?.Name ?? "(anonymous)";

    /// <summary>True when the user may manage an experiment with that owner; a refusal is audited.</summary>
    public async Task<bool> MayManageAsync(ClaimsPrincipal user, Guid experimentId, string? owner, string action)
    {
        if ((await authorization.AuthorizeAsync(user, owner ?? "", CsolPolicies.ManageExperiment)).Succeeded)
            return true;
        await AuditAsync(user, action, $"experiment {experimentId}", "denied", $"owned by {owner ?? "nobody"}");
        return false;
    }

    public async Task<bool> MayAsync(ClaimsPrincipal user, string policy) =>
        (await authorization.AuthorizeAsync(user, policy)).Succeeded;

    public Task AuditAsync(ClaimsPrincipal user, string action, string target, string outcome, string? detail = null) =>
        audit.Value?.RecordAsync(Name(user), action, target, outcome, address.Value, detail) ?? Task.CompletedTask;
}
