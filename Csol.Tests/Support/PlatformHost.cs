using Csol.Abstractions;
using Csol.Abstractions.Services;
using Csol.Silo.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Csol.Tests.Support;

/// <summary>The real platform host (silo, Hangfire server, SQLite, dashboard) on free ports and a given data folder.</summary>
public sealed class PlatformHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private PlatformHost(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    public string Url { get; }

    public IServiceProvider Services => _app.Services;

    public IExperimentService Experiments => Services.GetRequiredService<IExperimentService>();

    public IGrainFactory Grains => Services.GetRequiredService<IGrainFactory>();

    /// <param name="settings">Extra settings (e.g. <c>Csol:Notifications:WebhookUrl</c>), applied over the test defaults.</param>
    public static async Task<PlatformHost> StartAsync(string dataDirectory, string? experimentsDirectory = null,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var port = TestPaths.FreePort();
        var url = $"http://127.0.0.1:{port}";
        var overrides = new Dictionary<string, string?>
        {
            ["Urls"] = url,
            ["Csol:DataDirectory"] = dataDirectory,
            ["Csol:ExperimentsDirectory"] = experimentsDirectory ?? TestPaths.ExperimentsDirectory,
            ["Csol:Orleans:SiloPort"] = TestPaths.FreePort().ToString(),
            ["Csol:Orleans:GatewayPort"] = TestPaths.FreePort().ToString(),
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            overrides[key] = value;
        var app = CsolHost.Build([], overrides);
        await app.StartAsync();
        return new PlatformHost(app, url);
    }

    /// <summary>Polls the experiment until <paramref name="done"/> holds or the time runs out (then fails with its state).</summary>
    public async Task<ExperimentSnapshot> WaitForAsync(Guid id, Func<ExperimentSnapshot, bool> done, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            var snapshot = await Experiments.GetAsync(id) ?? throw new InvalidOperationException($"No experiment {id}");
            if (done(snapshot))
                return snapshot;
            if (DateTime.UtcNow > until)
                throw new TimeoutException($"Experiment {id} still {snapshot.Status} (step {snapshot.LastStep}/{snapshot.TotalSteps}, error {snapshot.Error}) after {timeout}");
            await Task.Delay(200);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
