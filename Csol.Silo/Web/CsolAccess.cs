using Csol.Dashboard.Security;
using Hangfire.Dashboard;

namespace Csol.Silo.Web;

/// <summary>Headers every answer carries (OWASP secure headers): no sniffing, no framing, no referrer (setup and invite
/// links hold secrets in their query), and a content policy that forbids plugins and foreign form targets.</summary>
public static class SecurityHeaders
{
    public static IApplicationBuilder UseCsolSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
                if (!headers.ContainsKey("Content-Security-Policy"))
                    headers.ContentSecurityPolicy = "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";
                return Task.CompletedTask;
            });
            await next(context);
        });
}

/// <summary>Hangfire checks its own filter too; the endpoint already requires <see cref="CsolPolicies.Admin"/>, and this
/// repeats the role check so the dashboard never opens on a misconfigured route.</summary>
internal sealed class HangfireAccessFilter : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context) => context.GetHttpContext().User.IsInRole(CsolRoles.Admin);
}
