using System.Security.Claims;
using System.Text.Encodings.Web;
using Csol.Dashboard.Security;
using Csol.Abstractions.Services;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Csol.Silo.Security;

/// <summary><c>Authorization: Bearer csol_…</c>: the token's user with their current role, plus the token's scope. A
/// revoked, expired or unknown token fails (401) and is audited; the user's role is read on every request, so a
/// demotion applies to their tokens at once.</summary>
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    ApiTokenService tokens, UserManager<IdentityUser> users, IAuditTrail audit, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.NoResult();
        var secret = header["Bearer ".Length..].Trim();
        var row = await tokens.FindAsync(secret);
        var reason = row switch
        {
            null => "unknown token",
            { RevokedAt: not null } => "revoked token",
            _ when row.ExpiresAt <= clock.GetUtcNow() => "expired token",
            _ => null,
        };
        var user = reason is null ? await users.FindByIdAsync(row!.UserId) : null;
        if (reason is null && user is null)
            reason = "token of a deleted user";
        if (reason is not null)
        {
            await audit.RecordAsync(row?.UserName ?? "(anonymous)", "token.refused", row is null ? "" : $"token {row.Id}", "failed", detail: reason);
            return AuthenticateResult.Fail(reason);
        }
        await tokens.TouchAsync(row!);
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user!.Id),
            new(ClaimTypes.Name, user.UserName!),
            new(CsolPolicies.ScopeClaim, row!.Scope),
            new("csol:token", row.Id.ToString()),
        };
        claims.AddRange((await users.GetRolesAsync(user)).Select(r => new Claim(ClaimTypes.Role, r)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}
