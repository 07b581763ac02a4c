namespace Csol.Grains.Abstractions;

/// <summary>Lifecycle of an experiment: Queued → Running → Completed / Failed / Cancelled.</summary>
public enum ExperimentStatus
{
    /// <summary>Never submitted (a fresh grain).</summary>
    None = 0,
    Queued = 1,
    Running = 2,
    Completed = 3,
    Failed = 4,
    Cancelled = 5,
}

public static class ExperimentStatusExtensions
{
    public static bool IsFinished(this ExperimentStatus status) =>
        status is ExperimentStatus.Completed or ExperimentStatus.Failed or ExperimentStatus.Cancelled;
}
