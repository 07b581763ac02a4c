using Csol.Dashboard;
using Csol.Silo.Api;
using Csol.Silo.Artifacts;
using Hangfire;
using Orleans.Dashboard;

namespace Csol.Silo.Web;

public static class EndpointExtensions
{
    public static WebApplication MapCsolEndpoints(this WebApplication app)
    {
        app.UseCsolAccess();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapCsolDashboard();
        app.MapHangfireDashboard("/hangfire", new Hangfire.DashboardOptions
        {
            Authorization = [new HangfireAccessFilter()],
            DashboardTitle = "Csol jobs",
            AppPath = "/",
        });
        app.MapOrleansDashboard("/orleans");
        app.MapOpenApi(); // /openapi/v1.json
        app.MapExperimentsApi();
        app.MapResultsApi();
        app.MapDatasetsApi();
        app.MapSweepsApi();
        app.MapRunFilesApi();
        app.MapQueueApi();
        app.MapGet("/healthz", () => TypedResults.Ok("ok"));
        // 503 while a server this host needs is away (the host still answers); the body says which and since when.
        app.MapGet("/api/health", (Csol.Abstractions.Services.IServerHealth health) =>
            TypedResults.Json(new { status = health.AllReachable ? "ok" : "degraded", servers = health.Current },
                statusCode: health.AllReachable ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable));
        return app;
    }
}
