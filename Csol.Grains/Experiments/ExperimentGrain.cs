using Csol.Abstractions;
using Microsoft.Extensions.Logging;
using Orleans.Utilities;

namespace Csol.Grains.Experiments;

public sealed class ExperimentGrain(
    [PersistentState(StorageNames.ExperimentState, StorageNames.Platform)] IPersistentState<ExperimentState> state,
    IExperimentRecords records,
    IExperimentEvents events,
    IMetricStore metrics,
    TimeProvider clock,
    ILogger<ExperimentGrain> logger) : Grain, IExperimentGrain
{
    // Watchers renew well inside this window (ExperimentWatch renews every minute).
    private readonly ObserverManager<IExperimentObserver> _observers = new(TimeSpan.FromMinutes(3), logger);

    /// <summary>Progress (last step, total steps) is for showing, never for resuming (an attempt resumes from its
    /// checkpoint and <see cref="IExperimentGrain.StartAsync"/> sets it again). So a report stores its points at once
    /// but writes the progress to the grain state at most this often, sparing most reports a second database write;
    /// every other change writes the whole state, progress included.</summary>
    private static readonly TimeSpan ProgressWriteInterval = TimeSpan.FromSeconds(5);

    private DateTimeOffset _progressWrittenAt = DateTimeOffset.MinValue;
    private bool _progressUnwritten;

    private ExperimentSnapshot Snapshot => state.State.Snapshot with { Id = this.GetPrimaryKey() };

    async Task<ExperimentSnapshot> IExperimentGrain.SubmitAsync(ExperimentSubmission submission)
    {
        if (Snapshot.Status != ExperimentStatus.None)
            throw new InvalidOperationException($"Experiment {this.GetPrimaryKey()} was already submitted.");
        await SaveAsync(Snapshot with
        {
            Name = submission.Name,
            ConfigJson = submission.ConfigJson,
            ConfigSource = submission.ConfigSource,
            Priority = submission.Priority,
            Group = submission.Group,
            CodeVersion = submission.CodeVersion,
            Kind = submission.Kind,
            Owner = submission.Owner,
            Status = submission.Draft ? ExperimentStatus.Draft : ExperimentStatus.Queued,
            CreatedAt = clock.GetUtcNow(),
        });
        return Snapshot;
    }

    async Task<ExperimentSnapshot> IExperimentGrain.QueueDraftAsync()
    {
        if (Snapshot.Status != ExperimentStatus.Draft)
            throw new InvalidOperationException($"Experiment {this.GetPrimaryKey()} is {Snapshot.Status}, not a draft.");
        // Queue time is when it was queued, so it waits behind experiments queued while it was a draft.
        await SaveAsync(Snapshot with { Status = ExperimentStatus.Queued, CreatedAt = clock.GetUtcNow() });
        return Snapshot;
    }

    Task<ExperimentSnapshot> IExperimentGrain.GetAsync() => Task.FromResult(Snapshot);

    Task<IReadOnlyList<MetricPoint>> IExperimentGrain.GetMetricsAsync(int fromStep) =>
        metrics.ReadAsync(this.GetPrimaryKey(), fromStep);

    async Task<ExperimentLease?> IExperimentGrain.StartAsync(ExperimentStart start)
    {
        var current = Snapshot;
        if (current.Status is not (ExperimentStatus.Queued or ExperimentStatus.Running))
            return null;
        if (current.CancelRequested)
        {
            await SaveAsync(current with { Status = ExperimentStatus.Cancelled, FinishedAt = clock.GetUtcNow() });
            return null;
        }

        // A later step continues the same attempt; the first step, a retry and a restart after a crash start a new one.
        var newAttempt = start.Step <= state.State.CurrentStep || current.Attempts == 0;
        var stepAttempt = start.Step == state.State.CurrentStep ? state.State.StepAttempts + 1 : 1;
        var attempt = newAttempt ? current.Attempts + 1 : current.Attempts;
        // Points past the resume point came from a lost attempt; the new one reports those steps again.
        await metrics.DeleteAfterAsync(this.GetPrimaryKey(), start.ResumeFromStep);
        var now = clock.GetUtcNow();
        state.State = state.State with { CurrentStep = start.Step, StepAttempts = stepAttempt };
        await SaveAsync(current with
        {
            Status = ExperimentStatus.Running,
            StartedAt = current.StartedAt ?? now,
            Attempts = attempt,
            LastStep = start.ResumeFromStep,
            Device = start.Device.Length > 0 ? start.Device : current.Device,
            Error = null,
            AttemptHistory = newAttempt
                ? [.. current.AttemptHistory, new AttemptRecord(attempt, start.StepName, start.Device, now, start.ResumeFromStep)]
                : current.AttemptHistory,
        });
        return new ExperimentLease(current.ConfigJson, attempt) { StepAttempt = stepAttempt };
    }

    async Task IExperimentGrain.RecordFailedAttemptAsync(string error)
    {
        var current = Snapshot;
        if (current.Status != ExperimentStatus.Running || current.AttemptHistory.Count == 0)
            return;
        await SaveAsync(current with { AttemptHistory = [.. current.AttemptHistory.SkipLast(1), current.AttemptHistory[^1] with { Error = error }] });
    }

    async Task IExperimentGrain.SetPriorityAsync(int priority)
    {
        if (Snapshot.Priority != priority)
            await SaveAsync(Snapshot with { Priority = priority });
    }

    async Task<bool> IExperimentGrain.ReportAsync(IReadOnlyList<MetricPoint> points, int totalSteps)
    {
        if (Snapshot.Status != ExperimentStatus.Running)
            throw new InvalidOperationException($"Experiment {this.GetPrimaryKey()} is {Snapshot.Status}, not Running.");
        await metrics.AppendAsync(this.GetPrimaryKey(), points);
        var lastStep = points.Count > 0 ? points.Max(p => p.Step) : Snapshot.LastStep;
        state.State = state.State with { Snapshot = Snapshot with { LastStep = lastStep, TotalSteps = totalSteps } };
        _progressUnwritten = true;
        if (clock.GetUtcNow() - _progressWrittenAt >= ProgressWriteInterval)
            await WriteStateAsync();
        var id = this.GetPrimaryKey();
        await _observers.Notify(o => o.OnMetricsAsync(id, points));
        return Snapshot.CancelRequested;
    }

    async Task IExperimentGrain.SetLineageAsync(string datasetId)
    {
        if (Snapshot.DatasetId != datasetId && !Snapshot.Status.IsFinished())
            await SaveAsync(Snapshot with { DatasetId = datasetId });
    }

    async Task IExperimentGrain.CompleteAsync(IReadOnlyDictionary<string, double> finalMetrics) =>
        await FinishAsync(ExperimentStatus.Completed, error: null, finalMetrics);

    async Task IExperimentGrain.FailAsync(string error) =>
        await FinishAsync(ExperimentStatus.Failed, error, finalMetrics: null);

    async Task<ExperimentSnapshot> IExperimentGrain.CancelAsync()
    {
        var current = Snapshot;
        if (current.Status == ExperimentStatus.Queued)
            await SaveAsync(current with { Status = ExperimentStatus.Cancelled, CancelRequested = true, FinishedAt = clock.GetUtcNow() });
        else if (current.Status == ExperimentStatus.Running && !current.CancelRequested)
            await SaveAsync(current with { CancelRequested = true });
        return Snapshot;
    }

    async Task IExperimentGrain.MarkCancelledAsync() =>
        await FinishAsync(ExperimentStatus.Cancelled, error: null, finalMetrics: null);

    async Task<ExperimentSnapshot> IExperimentGrain.MarkDeletedAsync()
    {
        var current = Snapshot;
        if (current.Status is ExperimentStatus.None)
            throw new KeyNotFoundException($"No experiment {this.GetPrimaryKey()} was submitted.");
        if (current.Status is ExperimentStatus.Queued or ExperimentStatus.Running)
            throw new InvalidOperationException(
                $"experiment {this.GetPrimaryKey()} is {current.Status}: cancel it first and delete it once it has stopped");
        if (current.Status != ExperimentStatus.Deleted)
            await SaveAsync(current with { Status = ExperimentStatus.Deleted, FinishedAt = current.FinishedAt ?? clock.GetUtcNow() });
        return Snapshot;
    }

    Task IExperimentGrain.SubscribeAsync(IExperimentObserver observer)
    {
        _observers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    Task IExperimentGrain.UnsubscribeAsync(IExperimentObserver observer)
    {
        _observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    private async Task FinishAsync(ExperimentStatus status, string? error, IReadOnlyDictionary<string, double>? finalMetrics)
    {
        var current = Snapshot;
        if (current.Status.IsFinished())
            return; // a late report from a job that lost a race with a cancel: the first verdict stands
        await SaveAsync(current with
        {
            Status = status,
            Error = error,
            FinishedAt = clock.GetUtcNow(),
            FinalMetrics = finalMetrics is null ? current.FinalMetrics : new Dictionary<string, double>(finalMetrics),
        });
        var outcome = await events.OnFinishedAsync(Snapshot);
        if (outcome.DatasetId is { } datasetId && datasetId != Snapshot.DatasetId)
            await SaveAsync(Snapshot with { DatasetId = datasetId });
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_progressUnwritten)
            await WriteStateAsync();
    }

    private async Task WriteStateAsync()
    {
        await state.WriteStateAsync();
        _progressWrittenAt = clock.GetUtcNow();
        _progressUnwritten = false;
    }

    private async Task SaveAsync(ExperimentSnapshot snapshot)
    {
        state.State = state.State with { Snapshot = snapshot };
        await WriteStateAsync();
        await records.UpsertAsync(Snapshot);
        var published = Snapshot;
        await _observers.Notify(o => o.OnChangedAsync(published));
    }
}
