using Csol.Abstractions;
using Csol.Grains.Experiments;
using Csol.Silo.Jobs;
using Csol.Silo.Scheduling;
using Hangfire;
using Hangfire.Storage.SQLite;
using Csol.Silo.Hosting;
using Csol.Silo.Persistence;
using Csol.Silo.ExperimentResults;
using Csol.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.Hosting;
using Orleans.TestingHost;
using Xunit;

namespace Csol.Tests.Grains;

/// <summary>A TestCluster whose silos keep grain state in a real SQLite file through our EF Core grain storage.</summary>
public sealed class PlatformClusterFixture : IAsyncLifetime
{
    private readonly TempDirectory _data = TestPaths.NewTempDirectory("csol-cluster");

    public TestCluster Cluster { get; private set; } = null!;

    public string DataDirectory => _data.Path;

    /// <summary>The Hangfire storage the scheduler dispatches into (a real SQLite file; no job server reads it here).</summary>
    public static JobStorage Jobs(string dataDirectory) => Storages.GetOrAdd(dataDirectory, d =>
    {
        // Hangfire's log provider is static: a host stopped by an earlier test leaves it pointing at a disposed logger
        // factory. Null lets Hangfire pick its default again.
        Hangfire.Logging.LogProvider.SetCurrentLogProvider(null);
        return new SQLiteStorage(Path.Combine(d, "hangfire.db"), new SQLiteStorageOptions());
    });

    public JobStorage JobStorage => Jobs(_data.Path);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, JobStorage> Storages = new();

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(initialSilosCount: 1);
        builder.Properties["Csol:DataDirectory"] = _data.Path;
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        _data.Dispose();
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            var dataDirectory = siloBuilder.Configuration["Csol:DataDirectory"]!;
            siloBuilder.Services.Configure<CsolOptions>(o => o.DataDirectory = dataDirectory);
            siloBuilder.Services.AddSingleton(TimeProvider.System);
            siloBuilder.Services.AddCsolPersistence(siloBuilder.Configuration);
            siloBuilder.Services.AddCsolResults();
            siloBuilder.Services.AddGrainStorage(StorageNames.Platform, (sp, _) => ActivatorUtilities.CreateInstance<EfCoreGrainStorage>(sp));
            siloBuilder.Services.AddSingleton<IBackgroundJobClient>(new BackgroundJobClient(Jobs(dataDirectory)));
            siloBuilder.Services.AddSingleton<JobQueueSignal>();
            siloBuilder.Services.AddSingleton<IJobDispatcher, HangfireJobDispatcher>();
        }
    }
}
