using Csol.Abstractions.Services;

namespace Csol.Silo.Storage;

public static class StorageExtensions
{
    public static IServiceCollection AddCsolStorage(this IServiceCollection services)
    {
        services.AddSingleton<GarbageCollection>();
        services.AddSingleton<IStorageService, StorageService>();
        return services;
    }
}
