using Csol.Abstractions;
using Csol.Abstractions.Services;
using Csol.Silo.Datasets;
using Csol.Silo.Hosting;

namespace Csol.Silo.ExperimentResults;

public static class ResultsExtensions
{
    /// <summary>Datasets, checkpoints, leaderboards, the webhook, and the hook experiment grains call when they finish.</summary>
    public static IServiceCollection AddCsolResults(this IServiceCollection services)
    {
        services.AddValidatedOptions<CheckpointsOptions>(CheckpointsOptions.Section);
        services.AddValidatedOptions<NotificationsOptions>(NotificationsOptions.Section);
        services.AddHttpClient<WebhookNotifier>();
        services.AddSingleton<DataRoots>();
        services.AddSingleton<DatasetService>();
        services.AddSingleton<IDatasetService>(sp => sp.GetRequiredService<DatasetService>());
        services.AddSingleton<ICheckpointService, CheckpointService>();
        services.AddSingleton<ILeaderboardService, LeaderboardService>();
        services.AddSingleton<IExperimentEvents, ExperimentResultPublisher>();
        return services;
    }
}
