using Csol.Grains.Experiments;
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
            siloBuilder.Services.AddCsolPersistence();
            siloBuilder.Services.AddCsolResults();
            siloBuilder.Services.AddGrainStorage(StorageNames.Platform, (sp, _) => ActivatorUtilities.CreateInstance<EfCoreGrainStorage>(sp));
        }
    }
}
