using Csol.Abstractions;
using Csol.Silo.Hosting;
using Csol.Silo.Persistence.ResultRecords;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Csol.Silo.Persistence;

public static class PersistenceExtensions
{
    public static string PlatformDatabasePath(this CsolOptions options) => Path.Combine(options.DataPath, "csol.db");

    public static IServiceCollection AddCsolPersistence(this IServiceCollection services)
    {
        services.AddDbContextFactory<CsolDbContext>((sp, db) =>
            db.UseSqlite(ConnectionString(sp.GetRequiredService<IOptions<CsolOptions>>().Value.PlatformDatabasePath()))
                .AddInterceptors(new SqlitePragmas()));
        services.AddSingleton<IExperimentRecords, EfExperimentRecords>();
        services.AddSingleton<ICheckpointRecords, EfCheckpointRecords>();
        services.AddSingleton<IDatasetRecords, EfDatasetRecords>();
        services.AddSingleton<EfLeaderboardEntryStore>();
        services.AddSingleton<ILeaderboardEntryStore>(sp => sp.GetRequiredService<EfLeaderboardEntryStore>());
        services.AddSingleton<IMetricStore, EfMetricStore>();
        services.AddSingleton<IExperimentLog, ExperimentLog.EfExperimentLog>();
        services.AddHostedService<DatabaseMigrator>();
        return services;
    }

    public static string ConnectionString(string path) =>
        new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 30 }.ToString();
}

/// <summary>Brings the platform database to the newest migration before the silo starts taking calls.</summary>
internal sealed class DatabaseMigrator(IDbContextFactory<CsolDbContext> dbFactory, IOptions<CsolOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(options.Value.DataPath);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        // WAL lets the dashboard read while a job writes metrics.
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
