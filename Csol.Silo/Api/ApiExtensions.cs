using System.Text.Json.Serialization;

namespace Csol.Silo.Api;

public static class ApiExtensions
{
    /// <summary>JSON as researchers read it: statuses by name, and a diverged loss (NaN) sent rather than failing the call.</summary>
    public static IServiceCollection AddCsolApi(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            o.SerializerOptions.NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals;
        });
        services.AddOpenApi();
        services.AddProblemDetails();
        services.AddExceptionHandler<Web.ServerUnavailableHandler>(); // 503 + Retry-After while the database or a silo is away
        return services;
    }
}
