using Csol.Silo.Persistence;
using Csol.Tests.Dashboard;
using Csol.Tests.Support.Servers;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Csol.Tests.Platform.Cluster;

/// <summary><see cref="ExperimentQueriesContract"/> on the real PostgreSQL server of the cluster tests (a database of its
/// own, the PostgreSQL migrations applied): search, filters, every sort key and paging as cluster mode serves them.</summary>
[Trait("Category", "host")]
[Collection(ClusterServersCollection.Name)]
public sealed class PostgresExperimentQueriesTests(ClusterServers servers) : ExperimentQueriesContract
{
    protected override async Task<IDbContextFactory<CsolDbContext>> CreateDatabaseAsync()
    {
        var options = new DbContextOptionsBuilder<CsolDbContext>().UseNpgsql(await servers.Postgres.CreateDatabaseAsync("queries")).Options;
        var factory = new PostgresFactory(options);
        await using (var db = factory.CreateDbContext())
            await db.Database.MigrateAsync();
        return factory;
    }

    private sealed class PostgresFactory(DbContextOptions<CsolDbContext> options) : IDbContextFactory<CsolDbContext>
    {
        public CsolDbContext CreateDbContext() => new PostgresCsolDbContext(options);
    }
}
