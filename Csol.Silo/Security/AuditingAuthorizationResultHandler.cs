using Csol.Abstractions.Services;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Csol.Silo.Security;

/// <summary>Audits what the authorization middleware refuses: a signed-in caller without the right (403), and a
/// session cookie that did not authenticate (tampered with, or expired), then answers as the default handler does.</summary>
public sealed class AuditingAuthorizationResultHandler(IAuditTrail audit) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        var target = $"{context.Request.Method} {context.Request.Path}";
        if (authorizeResult.Forbidden)
        {
            var scope = context.User.FindFirst(Csol.Dashboard.Security.CsolPolicies.ScopeClaim)?.Value;
            await audit.RecordAsync(context.User.Identity?.Name ?? "(anonymous)", "access.denied", target, "denied",
                detail: scope is null ? "role does not allow it" : $"role or token scope ({scope}) does not allow it");
        }
        else if (authorizeResult.Challenged && context.User.Identity?.IsAuthenticated != true && context.Request.Cookies.ContainsKey("csol.session"))
            await audit.RecordAsync("(anonymous)", "session.refused", target, "failed",
                detail: "session cookie not valid (tampered with or expired)");
        await _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
