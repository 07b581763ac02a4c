using Csol.Dashboard;
using Csol.Dashboard.Security;
using Csol.Silo.Api;
using Csol.Silo.Artifacts;
using Csol.Silo.Security;
using Hangfire;
using Orleans.Dashboard;

namespace Csol.Silo.Web;

public static class EndpointExtensions
{
    /// <summary>The one enforcement point: every endpoint below names a policy (or is public on purpose: sign-in, static
    /// files, health); the fallback policy catches the rest. <c>EndpointAuthorizationMatrixTests</c> checks every route.</summary>
    public static WebApplication MapCsolEndpoints(this WebApplication app)
    {
        // ProblemDetails without stack traces (the developer page is never added).
        app.UseExceptionHandler();
        app.UseCsolSecurityHeaders();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapStaticAssets().AllowAnonymous();
        app.MapCsolDashboard().RequireAuthorization(CsolPolicies.Read);
        app.MapHangfireDashboard("/hangfire", new Hangfire.DashboardOptions
        {
            Authorization = [new HangfireAccessFilter()],
            DashboardTitle = "Csol jobs",
            AppPath = "/",
        }).RequireAuthorization(CsolPolicies.Admin);
        app.MapOrleansDashboard("/orleans").RequireAuthorization(CsolPolicies.Admin);
        app.MapOpenApi().RequireAuthorization(CsolPolicies.Read); // /openapi/v1.json
        app.MapAccountEndpoints();
        app.MapSecurityApi();
        app.MapExperimentsApi();
        app.MapResultsApi();
        app.MapDatasetsApi();
        app.MapSweepsApi();
        app.MapRunFilesApi();
        app.MapQueueApi();
        app.MapGet("/healthz", () => TypedResults.Ok("ok")).AllowAnonymous();
        // 503 while a server this host needs is away (the host still answers); the body says which and since when.
        // Anonymous like /healthz: with the database away no token or cookie can be checked, and the answer names
        // only which setting's server is away and since when: addresses and errors stay on the signed-in dashboard.
        app.MapGet("/api/health", (Csol.Abstractions.Services.IServerHealth health) =>
            TypedResults.Json(new
            {
                status = health.AllReachable ? "ok" : "degraded",
                servers = health.Current.Select(h => new { h.Name, h.Setting, h.Reachable, h.Since }),
            },
                statusCode: health.AllReachable ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable))
            .AllowAnonymous();
        return app;
    }
}
