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
        return app;
    }
}
