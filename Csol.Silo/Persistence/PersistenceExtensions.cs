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

    /// <summary>The platform database on the configured provider: a SQLite file in the data directory, or the PostgreSQL
    /// server of <c>ConnectionStrings:Platform</c>.</summary>
    public static IServiceCollection AddCsolPersistence(this IServiceCollection services, IConfiguration configuration)
    {
        var database = OptionsValidation.ValidateNow<DatabaseOptions>(configuration, DatabaseOptions.Section);
        services.AddValidatedOptions<DatabaseOptions>(DatabaseOptions.Section);
        var postgres = database.IsPostgres ? PostgresConnection.Require(configuration) : null;
        services.AddDbContextFactory<CsolDbContext, ProviderDbContextFactory>((sp, db) =>
        {
            if (postgres is not null)
                db.UseNpgsql(postgres);
            else
                db.UseSqlite(ConnectionString(sp.GetRequiredService<IOptions<CsolOptions>>().Value.PlatformDatabasePath()))
                    .AddInterceptors(new SqlitePragmas());
        });
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
internal sealed class DatabaseMigrator(IDbContextFactory<CsolDbContext> dbFactory, IOptions<CsolOptions> options, IOptions<DatabaseOptions> database)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(options.Value.DataPath);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // On PostgreSQL, EF Core holds a migration lock: hosts of a cluster starting together migrate once.
        await db.Database.MigrateAsync(cancellationToken);
        if (!database.Value.IsPostgres)
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken); // lets the dashboard read while a job writes metrics
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
