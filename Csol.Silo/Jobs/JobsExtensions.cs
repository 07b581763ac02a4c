using Csol.Abstractions;
using Csol.Silo.Hosting;
using Csol.Silo.Scheduling;
using Hangfire;
using Hangfire.Storage.SQLite;
using Microsoft.Extensions.Options;

namespace Csol.Silo.Jobs;

public static class JobsExtensions
{
    public static string JobsDatabasePath(this CsolOptions options) => Path.Combine(options.DataPath, "hangfire.db");

    /// <summary>Hangfire with SQLite storage in the data directory, the scheduler's view of this host, and one job
    /// server per device: one worker listening on that device's queue only, so a device never runs two jobs.</summary>
    public static IServiceCollection AddCsolJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<JobsOptions>(JobsOptions.Section);
        services.AddValidatedOptions<SchedulerOptions>(SchedulerOptions.Section);
        // Devices are found now: the job servers below are one per device.
        var inventory = new DeviceInventory(OptionsValidation.ValidateNow<SchedulerOptions>(configuration, SchedulerOptions.Section));
        services.AddSingleton<IDeviceInventory>(inventory);
        services.AddSingleton<IJobDispatcher, HangfireJobDispatcher>();
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
                    JournalMode = SQLiteStorageOptions.JournalModes.WAL,
                });
        });
        // Before the job servers, so stale jobs of a dead process meet a scheduler that has already re-issued tickets.
        services.AddHostedService<SchedulerRegistration>();
        foreach (var device in inventory.Devices)
            services.AddHangfireServer(server =>
            {
                server.WorkerCount = 1;
                server.Queues = [JobTicket.QueueName(device)];
                server.ServerName = $"csol-{JobTicket.QueueName(device)}"; // Hangfire appends process id and a unique suffix
            });
        services.AddTransient<ExperimentStepJob>();
        services.AddTransient<DatasetLineage>();
        return services;
    }
}
