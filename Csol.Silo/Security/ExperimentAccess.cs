using System.Security.Claims;
using Csol.Dashboard.Security;
using Csol.Abstractions.Services;
using Microsoft.AspNetCore.Authorization;

namespace Csol.Silo.Security;

/// <summary>The per-experiment check the API makes before cancelling, moving or reprioritising (the dashboard makes
/// the same through <c>AuthorizeView</c> and <see cref="CsolPolicies.ManageExperiment"/>). Refusals are audited.</summary>
public sealed class ExperimentAccess(IAuthorizationService authorization, IAuditTrail audit)
{
    public async Task<bool> MayManageAsync(ClaimsPrincipal user, Guid experimentId, string? owner, string action)
    {
        if ((await authorization.AuthorizeAsync(user, owner ?? "", CsolPolicies.ManageExperiment)).Succeeded)
            return true;
        await audit.RecordAsync(Actor(user), action, $"experiment {experimentId}", "denied", detail: $"owned by {owner ?? "nobody"}");
        return false;
    }

    public static string Actor(ClaimsPrincipal user) => user.Identity?.Name ?? "(anonymous)";
}
