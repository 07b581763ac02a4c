using Microsoft.Extensions.DependencyInjection;

namespace Csol.Dashboard;

/// <summary>A service a host may not offer (a page whose service is missing says so and the rest keeps working):
/// injected like any other, <see cref="Value"/> null when the host registered none.</summary>
public sealed class OptionalService<T>(IServiceProvider services) where T : class
{
    public T? Value { get; } = services.GetService<T>();
}
