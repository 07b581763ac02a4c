using Xunit;

namespace Csol.Tests.Support.Servers;

/// <summary>One PostgreSQL and one Redis server shared by a test collection (starting PostgreSQL costs seconds); each
/// test takes its own database from <see cref="Postgres"/> and its own Orleans cluster id.</summary>
public sealed class ClusterServers : IAsyncLifetime
{
    public PostgresServer Postgres { get; private set; } = null!;

    public RedisServer Redis { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Postgres = await PostgresServer.CreateAsync();
        Redis = await RedisServer.CreateAsync();
    }

    public async Task DisposeAsync()
    {
        await Redis.DisposeAsync();
        await Postgres.DisposeAsync();
    }
}

/// <summary>Test classes in this collection share one <see cref="ClusterServers"/>.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterServersCollection : ICollectionFixture<ClusterServers>
{
    public const string Name = "cluster servers";
}
