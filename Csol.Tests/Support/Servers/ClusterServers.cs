using Xunit;

namespace Csol.Tests.Support.Servers;

/// <summary>One PostgreSQL and one Redis server shared by a test collection (starting PostgreSQL costs seconds); each
/// test takes its own database from <see cref="Postgres"/> and its own Orleans cluster id.</summary>
public sealed class ClusterServers : IAsyncLifetime
{
    public PostgresServer Postgres { get; private set; } = null!;

    public RedisServer Redis { get; private set; } = null!;

    /// <summary>Command-line settings that put a <c>csol</c> host in cluster mode on these servers: records in
    /// <paramref name="database"/> (a connection string from <see cref="PostgresServer.CreateDatabaseAsync"/>), membership
    /// under <paramref name="clusterId"/>, silos on loopback, quick failure detection.</summary>
    public string[] HostSettings(string database, string clusterId) =>
    [
        "--Csol:Database:Provider=postgres", $"--ConnectionStrings:Platform={database}",
        "--Csol:Orleans:Clustering=redis", $"--ConnectionStrings:Redis={Redis.ConnectionString}",
        $"--Csol:Orleans:ClusterId={clusterId}", "--Csol:Orleans:AdvertisedAddress=127.0.0.1", "--Csol:Orleans:ProbeTimeoutSeconds=1",
        "--Csol:Jobs:QueuePollIntervalSeconds=0.2", "--Csol:Jobs:OrphanCheckSeconds=2",
    ];

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
