namespace Csol.Abstractions;

/// <summary>Lifecycle of an experiment: (Draft →) Queued → Running → Completed / Failed / Cancelled (→ Deleted).</summary>
/// <remarks>Values are stored (grain state, experiments table): new ones go at the end.</remarks>
public enum ExperimentStatus
{
    /// <summary>Never submitted (a fresh grain).</summary>
    None = 0,
    Queued = 1,
    Running = 2,
    Completed = 3,
    Failed = 4,
    Cancelled = 5,
    /// <summary>A validated config saved without queueing; queued later by a user.</summary>
    Draft = 6,
    /// <summary>Deleted by a user: its run files are gone, the record stays (lineage, audit); terminal.</summary>
    Deleted = 7,
    /// <summary>Stopped by its sweep's early-stopping rule (not a failure): its reason is
    /// <see cref="ExperimentSnapshot.StopReason"/>; terminal.</summary>
    StoppedEarly = 8,
}

public static class ExperimentStatusExtensions
{
    public static bool IsFinished(this ExperimentStatus status) =>
        status is ExperimentStatus.Completed or ExperimentStatus.Failed or ExperimentStatus.Cancelled or ExperimentStatus.Deleted
            or ExperimentStatus.StoppedEarly;
}
