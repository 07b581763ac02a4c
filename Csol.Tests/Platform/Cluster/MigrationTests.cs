using Csol.Silo.Persistence;
using Csol.Tests.Support;
using Csol.Tests.Support.Servers;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Orleans.Storage;
using Xunit;

namespace Csol.Tests.Platform.Cluster;

/// <summary>Both providers' migration sets on real databases, and the grain storage's ETag checks on PostgreSQL.</summary>
[Trait("Category", "host")]
[Collection(ClusterServersCollection.Name)]
public sealed class MigrationTests(ClusterServers servers)
{
    [Fact]
    public async Task The_PostgreSQL_migrations_build_the_whole_model_in_an_empty_database()
    {
        var connection = await servers.Postgres.CreateDatabaseAsync("migrate");
        await using var db = new PostgresCsolDbContext(new DbContextOptionsBuilder<CsolDbContext>().UseNpgsql(connection).Options);

        Assert.Empty(await db.Database.GetAppliedMigrationsAsync());
        await db.Database.MigrateAsync();

        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        Assert.Contains(db.Database.GetMigrations(), m => m.EndsWith("_PostgresInitial", StringComparison.Ordinal));
        Assert.False(db.Database.HasPendingModelChanges(), "the model changed without a PostgreSQL migration: see docs/deploy.md, 'Migrations'");
        // Every table the model maps answers a query.
        Assert.Equal(0, await db.Experiments.CountAsync());
        Assert.Equal(0, await db.MetricPoints.CountAsync());
        Assert.Equal(0, await db.GrainStates.CountAsync());
        Assert.Equal(0, await db.ExperimentLog.CountAsync());
    }

    [Fact]
    public async Task The_SQLite_migrations_still_upgrade_a_file_made_by_the_first_release()
    {
        using var folder = TestPaths.NewTempDirectory("csol-sqlite-upgrade");
        var options = new DbContextOptionsBuilder<CsolDbContext>()
            .UseSqlite(PersistenceExtensions.ConnectionString(Path.Combine(folder.Path, "csol.db"))).Options;
        await using (var old = new CsolDbContext(options))
        {
            var first = old.Database.GetMigrations().First();
            await old.GetService<IMigrator>().MigrateAsync(first);
            await old.Database.ExecuteSqlRawAsync(
                "INSERT INTO grain_state (StateName, GrainId, Payload, ETag, UpdatedAt) VALUES ('experiment', 'experiment/1', {0}, 'e1', 0)",
                    "{\"Name\":\"old\"}");
        }
        SqliteConnection.ClearAllPools();

        await using var db = new CsolDbContext(options);
        Assert.NotEmpty(await db.Database.GetPendingMigrationsAsync());
        await db.Database.MigrateAsync();

        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        Assert.False(db.Database.HasPendingModelChanges(), "the model changed without a SQLite migration");
        var kept = await db.GrainStates.SingleAsync();
        Assert.Equal(("experiment/1", "e1"), (kept.GrainId, kept.ETag));
        Assert.Equal(0, await db.Experiments.CountAsync());
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task Grain_storage_on_PostgreSQL_refuses_writes_from_a_stale_or_second_activation()
    {
        var connection = await servers.Postgres.CreateDatabaseAsync("etag");
        var options = new DbContextOptionsBuilder<CsolDbContext>().UseNpgsql(connection).Options;
        await using (var db = new PostgresCsolDbContext(options))
            await db.Database.MigrateAsync();
        var storage = new EfCoreGrainStorage(new PostgresFactory(options), TimeProvider.System);
        var grain = GrainId.Create("test", "a");

        var first = new GrainState<Counter> { State = new Counter { Value = 1 } };
        await storage.WriteStateAsync("counter", grain, first);
        // A second activation that never read the row tries to create it too: a conflict, not a provider error.
        var second = new GrainState<Counter> { State = new Counter { Value = 2 } };
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("counter", grain, second));
        // A stale ETag loses as well; the current one wins.
        var stale = new GrainState<Counter> { State = new Counter { Value = 3 }, ETag = "stale" };
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("counter", grain, stale));
        first.State = new Counter { Value = 4 };
        await storage.WriteStateAsync("counter", grain, first);

        var read = new GrainState<Counter>();
        await storage.ReadStateAsync("counter", grain, read);
        Assert.Equal((4, first.ETag), (read.State!.Value, read.ETag));
    }

    public sealed class Counter
    {
        public int Value { get; set; }
    }

    private sealed class PostgresFactory(DbContextOptions<CsolDbContext> options) : IDbContextFactory<CsolDbContext>
    {
        public CsolDbContext CreateDbContext() => new PostgresCsolDbContext(options);
    }
}
