using Csol.Dashboard.Components;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Csol.Dashboard;

public static class DashboardExtensions
{
    /// <summary>Blazor Server with MudBlazor. The host provides <c>IExperimentService</c> (required) and, page by page,
    /// <c>IQueueService</c>, <c>ILeaderboardService</c>, <c>ICheckpointService</c>, <c>IDatasetService</c> and
    /// <c>IExperimentArtifacts</c>: a page whose service is not registered says so and the rest keeps working.</summary>
    public static IServiceCollection AddCsolDashboard(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        return services.AddCsolDashboardServices();
    }

    /// <summary>What the components inject besides the host's services (also what component tests register).</summary>
    public static IServiceCollection AddCsolDashboardServices(this IServiceCollection services)
    {
        services.AddScoped(typeof(OptionalService<>));
        services.AddScoped<Security.DashboardActions>();
        services.AddScoped<Security.CircuitAddress>();
        return services;
    }

    /// <summary>Maps the dashboard's pages; returns the endpoints so the host can put its access rules on them.</summary>
    public static RazorComponentsEndpointConventionBuilder MapCsolDashboard(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapRazorComponents<App>().AddInteractiveServerRenderMode();
}
