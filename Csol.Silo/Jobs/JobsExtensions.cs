using Csol.Abstractions;
using Csol.Silo.Hosting;
using Csol.Silo.Scheduling;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.Storage.SQLite;
using Csol.Silo.Persistence;
using Microsoft.Extensions.Options;

namespace Csol.Silo.Jobs;

public static class JobsExtensions
{
    public static string JobsDatabasePath(this CsolOptions options) => Path.Combine(options.DataPath, "hangfire.db");

    /// <summary>Connections each device's job server may hold at once: its worker's fetch, and its background processes
    /// (heartbeat, expiration, counters, delayed jobs), which Hangfire runs per server.</summary>
    private const int ConnectionsPerJobServer = 6;

    /// <summary>Hangfire on the platform database's provider (a SQLite file in the data directory, or the PostgreSQL
    /// server shared by the cluster, in schema <c>hangfire</c>), the scheduler's view of this host, and one job server
    /// per device: one worker listening on that device's queue only, so a device never runs two jobs.</summary>
    public static IServiceCollection AddCsolJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<JobsOptions>(JobsOptions.Section);
        services.AddValidatedOptions<SchedulerOptions>(SchedulerOptions.Section);
        // Devices are found now: the job servers below are one per device.
        var inventory = new DeviceInventory(OptionsValidation.ValidateNow<SchedulerOptions>(configuration, SchedulerOptions.Section));
        services.AddSingleton<IDeviceInventory>(inventory);
        services.AddSingleton<IJobDispatcher, HangfireJobDispatcher>();
        var database = OptionsValidation.ValidateNow<DatabaseOptions>(configuration, DatabaseOptions.Section);
        var pool = ConnectionsPerJobServer * (inventory.Devices.Count + 1);
        var postgres = database.IsPostgres ? JobsConnection(PostgresConnection.WithPool(PostgresConnection.Require(configuration), pool)) : null;
        services.AddHangfire((sp, hangfire) =>
        {
            var csol = sp.GetRequiredService<IOptions<CsolOptions>>().Value;
            var jobs = sp.GetRequiredService<IOptions<JobsOptions>>().Value;
            Directory.CreateDirectory(csol.DataPath);
            hangfire
                .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            if (postgres is not null)
                hangfire.UsePostgreSqlStorage(o => o.UseNpgsqlConnection(postgres), new PostgreSqlStorageOptions
                {
                    SchemaName = "hangfire",
                    PrepareSchemaIfNecessary = true,
                    QueuePollInterval = TimeSpan.FromSeconds(jobs.QueuePollIntervalSeconds),
                    // Without it a job fetched more than InvisibilityTimeout (30 min) ago is handed out again, so a
                    // long training step would run twice; with it the fetching worker keeps extending its claim.
                    UseSlidingInvisibilityTimeout = true,
                    // LISTEN/NOTIFY: an enqueued job wakes the idle worker of its queue at once, instead of at its next poll.
                    EnableLongPolling = true,
                });
            else
                hangfire.UseStorage(SQLiteJobStorage(csol, jobs, inventory, sp.GetRequiredService<JobQueueSignal>()));
        });
        services.AddSingleton<JobQueueSignal>();
        // Before the job servers, so stale jobs of a dead process meet a scheduler that has already re-issued tickets.
        services.AddHostedService<SchedulerRegistration>();
        services.AddHostedService<OrphanedJobWatch>();
        foreach (var device in inventory.Devices)
            services.AddHangfireServer(server =>
            {
                server.WorkerCount = 1;
                server.Queues = [JobTicket.QueueName(device)];
                server.ServerName = $"csol-{JobTicket.QueueName(device)}"; // Hangfire appends process id and a unique suffix
            });
        services.AddTransient<ExperimentStepJob>();
        services.AddTransient<DatasetLineage>();
        services.AddSingleton<StepSupervisor>();
        return services;
    }

    /// <summary>Hangfire's connections to PostgreSQL commit without waiting for their WAL flush: enqueuing and fetching a
    /// job take six commits, and their fsyncs were half the cluster's queue→start time. Nothing of the platform's own
    /// depends on it: the scheduler's state (written by the grains, synchronously) says what runs where, a job lost with
    /// the last fraction of a second before a crash of the PostgreSQL server is dispatched again by
    /// <see cref="OrphanedJobWatch"/>, and a job fetched twice finds its ticket used and does nothing.</summary>
    private static string JobsConnection(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        builder.Options = $"{builder.Options} -c synchronous_commit=off".Trim();
        return builder.ConnectionString;
    }

    /// <summary>Hangfire's SQLite file, at <c>synchronous=NORMAL</c> like the platform database (see
    /// <see cref="SqlitePragmas"/>: with WAL a commit survives a killed process, and each of the several commits of
    /// enqueuing and fetching a job spares its fsync), with the device queues woken by <see cref="JobQueueSignal"/>.</summary>
    private static SQLiteStorage SQLiteJobStorage(CsolOptions csol, JobsOptions jobs, DeviceInventory inventory, JobQueueSignal signal)
    {
        var options = new SQLiteStorageOptions
        {
            QueuePollInterval = TimeSpan.FromSeconds(jobs.QueuePollIntervalSeconds),
            JournalMode = SQLiteStorageOptions.JournalModes.WAL,
        };
        var path = csol.JobsDatabasePath();
        var connections = new SQLiteDbConnectionFactory(() =>
        {
            // As Hangfire.Storage.SQLite opens its own, plus the pragma.
            const SQLite.SQLiteOpenFlags flags = SQLite.SQLiteOpenFlags.ReadWrite | SQLite.SQLiteOpenFlags.Create | SQLite.SQLiteOpenFlags.NoMutex;
            var connection = new SQLite.SQLiteConnection(path, flags, storeDateTimeAsTicks: true);
            connection.BusyTimeout = TimeSpan.FromSeconds(10);
            connection.Execute("PRAGMA synchronous=NORMAL");
            return connection;
        });
        var storage = new SQLiteStorage(connections, options);
        storage.QueueProviders.Add(new SignalledSQLiteJobQueueProvider(options, signal), inventory.Devices.Select(JobTicket.QueueName));
        return storage;
    }
}
