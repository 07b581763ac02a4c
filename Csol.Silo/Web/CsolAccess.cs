using Hangfire.Dashboard;

namespace Csol.Silo.Web;

/// <summary>The one place that decides who may reach a page or endpoint. Embedded mode lets everyone in (it listens
/// on loopback by default); the authentication issue replaces this policy with roles and API tokens.</summary>
public interface ICsolAccessPolicy
{
    ValueTask<bool> IsAllowedAsync(HttpContext context);
}

public sealed class OpenAccessPolicy : ICsolAccessPolicy
{
    public ValueTask<bool> IsAllowedAsync(HttpContext context) => ValueTask.FromResult(true);
}

public static class CsolAccessExtensions
{
    public static IServiceCollection AddCsolAccess(this IServiceCollection services) =>
        services.AddSingleton<ICsolAccessPolicy, OpenAccessPolicy>();

    /// <summary>Every request (dashboard, Blazor hub, Hangfire and Orleans dashboards, API) passes through here.</summary>
    public static IApplicationBuilder UseCsolAccess(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var policy = context.RequestServices.GetRequiredService<ICsolAccessPolicy>();
            if (!await policy.IsAllowedAsync(context))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return;
            }
            await next(context);
        });
}

/// <summary>Hangfire checks its own filter too; it defers to the platform policy, already applied by the middleware.</summary>
internal sealed class HangfireAccessFilter : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context) => true;
}
