using Csol.Abstractions;

namespace Csol.Abstractions.Services;

/// <summary>The face the dashboard (and later the HTTP API) sees of experiments; hides grains, jobs and storage.</summary>
public interface IExperimentService
{
    /// <summary>The configs in the experiments folder that users start from.</summary>
    Task<IReadOnlyList<ExperimentTemplate>> ListTemplatesAsync(CancellationToken cancellationToken = default);

    /// <summary>Validates and queues a config. Invalid configs are not queued; their problems come back instead.</summary>
    Task<QueueResult> QueueAsync(string configJson, string source, CancellationToken cancellationToken = default);

    /// <summary>Validates a config and saves it as a <see cref="ExperimentStatus.Draft"/>: kept, shown, not queued.</summary>
    Task<QueueResult> SaveDraftAsync(string configJson, string source, CancellationToken cancellationToken = default);

    /// <summary>Queues a draft, checking its config again. Errors when it is not a draft or no longer valid.</summary>
    Task<QueueResult> QueueDraftAsync(Guid id, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ExperimentSummary>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Null when no experiment has that id.</summary>
    Task<ExperimentSnapshot?> GetAsync(Guid id);

    Task<IReadOnlyList<MetricPoint>> GetMetricsAsync(Guid id);

    Task<ExperimentSnapshot> CancelAsync(Guid id);

    /// <summary>Pushes metric points and status changes of one experiment until the returned handle is disposed.</summary>
    Task<IAsyncDisposable> WatchAsync(Guid id, IExperimentWatcher watcher);
}

/// <summary>Receives live updates of one experiment (called off the UI thread).</summary>
public interface IExperimentWatcher
{
    Task OnMetricsAsync(IReadOnlyList<MetricPoint> points);

    Task OnChangedAsync(ExperimentSnapshot snapshot);
}

/// <summary>A config file from the experiments folder.</summary>
public sealed record ExperimentTemplate(string FileName, string Json);

/// <summary>Either the queued (or saved) experiment's id or the problems that stopped it.</summary>
public sealed record QueueResult(Guid? ExperimentId, IReadOnlyList<ConfigProblem> Errors)
{
    public bool Queued => ExperimentId is not null;
}
