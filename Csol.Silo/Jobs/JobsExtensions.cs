using Csol.Silo.Hosting;
using Hangfire;
using Hangfire.Storage.SQLite;
using Microsoft.Extensions.Options;

namespace Csol.Silo.Jobs;

public static class JobsExtensions
{
    public static string JobsDatabasePath(this CsolOptions options) => Path.Combine(options.DataPath, "hangfire.db");

    /// <summary>Hangfire with SQLite storage in the data directory and one worker per device slot.</summary>
    public static IServiceCollection AddCsolJobs(this IServiceCollection services)
    {
        services.AddValidatedOptions<JobsOptions>(JobsOptions.Section);
        services.AddHangfire((sp, hangfire) =>
        {
            var csol = sp.GetRequiredService<IOptions<CsolOptions>>().Value;
            var jobs = sp.GetRequiredService<IOptions<JobsOptions>>().Value;
            Directory.CreateDirectory(csol.DataPath);
            hangfire
                .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings()
                .UseSQLiteStorage(csol.JobsDatabasePath(), new SQLiteStorageOptions
                {
                    QueuePollInterval = TimeSpan.FromSeconds(jobs.QueuePollIntervalSeconds),
                });
        });
        services.AddHangfireServer((sp, server) =>
        {
            server.WorkerCount = sp.GetRequiredService<IOptions<JobsOptions>>().Value.WorkerCount;
            server.ServerName = $"csol-{Environment.MachineName}";
        });
        services.AddTransient<StageOneTrainingJob>();
        return services;
    }
}
