using Csol.Abstractions;
using Csol.Abstractions.Services;

namespace Csol.Silo.Experiments;

/// <summary>A live subscription to one experiment grain. Orleans holds observers weakly and the grain expires
/// them, so this object is kept by its owner and renews the subscription on a timer.</summary>
internal sealed class ExperimentWatch : IExperimentObserver, IAsyncDisposable
{
    private static readonly TimeSpan RenewEvery = TimeSpan.FromMinutes(1);

    private readonly IGrainFactory _grains;
    private readonly IExperimentGrain _grain;
    private readonly IExperimentWatcher _watcher;
    private readonly IExperimentObserver _reference;
    private readonly Timer _renewal;

    private ExperimentWatch(IGrainFactory grains, Guid id, IExperimentWatcher watcher)
    {
        _grains = grains;
        _grain = grains.GetGrain<IExperimentGrain>(id);
        _watcher = watcher;
        _reference = grains.CreateObjectReference<IExperimentObserver>(this);
        _renewal = new Timer(_ => _ = RenewAsync(), null, RenewEvery, RenewEvery);
    }

    // A timer callback that throws ends the process: a watch left behind by a circuit that outlived its silo (a host
    // stopped with a page open) would otherwise bring the whole process down a minute later.
    private async Task RenewAsync()
    {
        try
        {
            await _grain.SubscribeAsync(_reference);
        }
        catch (Exception)
        {
            // Silo stopping or grain unreachable: the next renewal tries again, disposal stops the timer.
        }
    }

    public static async Task<ExperimentWatch> StartAsync(IGrainFactory grains, Guid id, IExperimentWatcher watcher)
    {
        var watch = new ExperimentWatch(grains, id, watcher);
        await watch._grain.SubscribeAsync(watch._reference);
        return watch;
    }

    Task IExperimentObserver.OnMetricsAsync(Guid experimentId, IReadOnlyList<MetricPoint> points) => _watcher.OnMetricsAsync(points);

    Task IExperimentObserver.OnChangedAsync(ExperimentSnapshot snapshot) => _watcher.OnChangedAsync(snapshot);

    public async ValueTask DisposeAsync()
    {
        await _renewal.DisposeAsync();
        try
        {
            await _grain.UnsubscribeAsync(_reference);
        }
        catch (Exception)
        {
            // The silo may already be stopping; the grain drops expired observers by itself.
        }
        _grains.DeleteObjectReference<IExperimentObserver>(_reference);
    }
}
