namespace Csol.Grains.Abstractions;

/// <summary>Pushed to watchers of one experiment (the dashboard): new metric points and status changes.</summary>
public interface IExperimentObserver : IGrainObserver
{
    Task OnMetricsAsync(Guid experimentId, IReadOnlyList<MetricPoint> points);

    Task OnChangedAsync(ExperimentSnapshot snapshot);
}
