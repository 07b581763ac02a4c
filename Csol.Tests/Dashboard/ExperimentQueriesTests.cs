using Csol.Silo.Persistence;
using Csol.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Csol.Tests.Dashboard;

/// <summary><see cref="ExperimentQueriesContract"/> on a real SQLite file with the migrations.</summary>
[Trait("Category", "host")]
public sealed class ExperimentQueriesTests : ExperimentQueriesContract
{
    private readonly TempDirectory _folder = TestPaths.NewTempDirectory("csol-experiment-queries");

    protected override async Task<IDbContextFactory<CsolDbContext>> CreateDatabaseAsync()
    {
        var options = new DbContextOptionsBuilder<CsolDbContext>()
            .UseSqlite(PersistenceExtensions.ConnectionString(Path.Combine(_folder.Path, "csol.db"))).Options;
        var factory = new Factory(options);
        await using (var db = factory.CreateDbContext())
            await db.Database.MigrateAsync();
        return factory;
    }

    public override Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
        return Task.CompletedTask;
    }

    private sealed class Factory(DbContextOptions<CsolDbContext> options) : IDbContextFactory<CsolDbContext>
    {
        public CsolDbContext CreateDbContext() => new(options);
    }
}
