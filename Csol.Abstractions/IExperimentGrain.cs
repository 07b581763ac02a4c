namespace Csol.Abstractions;

/// <summary>One experiment: its config, lifecycle and metric history. Keyed by the experiment's id.</summary>
public interface IExperimentGrain : IGrainWithGuidKey
{
    /// <summary>Queues a new experiment (or saves it as a draft). Fails if this id was already submitted.</summary>
    Task<ExperimentSnapshot> SubmitAsync(ExperimentSubmission submission);

    /// <summary>Moves a draft to Queued (the caller then hands it to the scheduler). Fails when it is not a draft.</summary>
    Task<ExperimentSnapshot> QueueDraftAsync();

    Task<ExperimentSnapshot> GetAsync();

    /// <summary>Metric points with <c>Step &gt;= fromStep</c>, in the order they were reported.</summary>
    Task<IReadOnlyList<MetricPoint>> GetMetricsAsync(int fromStep = 0);

    /// <summary>Called by a step job as it starts: moves Queued (or Running, for a later step, a retry or a restart after a
    /// crash) to Running, drops metric points past <see cref="ExperimentStart.ResumeFromStep"/> and hands out the config.
    /// Returns null when the experiment must not run (cancelled or already finished).</summary>
    Task<ExperimentLease?> StartAsync(ExperimentStart start);

    /// <summary>An attempt failed and will be retried: the experiment stays Running, the error is kept on the attempt.</summary>
    Task RecordFailedAttemptAsync(string error);

    /// <summary>The priority shown with the experiment (the scheduler orders by its own copy).</summary>
    Task SetPriorityAsync(int priority);

    /// <summary>Appends points from the running job. Returns true when a cancel was requested, so the job stops.</summary>
    Task<bool> ReportAsync(IReadOnlyList<MetricPoint> points, int totalSteps);

    /// <summary>Records the dataset the experiment trains on (its <c>preprocess</c> step registered it).</summary>
    Task SetLineageAsync(string datasetId);

    Task CompleteAsync(IReadOnlyDictionary<string, double> finalMetrics);

    Task FailAsync(string error);

    /// <summary>Asks to cancel: a queued experiment is cancelled at once, a running one when its job next reports.</summary>
    Task<ExperimentSnapshot> CancelAsync();

    /// <summary>Called by the job once it has stopped because of a cancel request.</summary>
    Task MarkCancelledAsync();

    /// <summary>Subscribes a watcher; subscriptions expire, so watchers renew them (see ExperimentGrain).</summary>
    Task SubscribeAsync(IExperimentObserver observer);

    Task UnsubscribeAsync(IExperimentObserver observer);
}
