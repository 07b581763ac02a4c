using Orleans.Concurrency;

namespace Csol.Abstractions;

/// <summary>Pushed to watchers of one experiment (the dashboard): new metric points and status changes.
/// One-way, so the grain never waits on a watcher: a watcher that calls back into the grain while handling a push
/// would otherwise deadlock against the non-reentrant grain that is still awaiting the push.</summary>
public interface IExperimentObserver : IGrainObserver
{
    [OneWay]
    Task OnMetricsAsync(Guid experimentId, IReadOnlyList<MetricPoint> points);

    [OneWay]
    Task OnChangedAsync(ExperimentSnapshot snapshot);
}
