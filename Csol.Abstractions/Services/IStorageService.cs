namespace Csol.Abstractions.Services;

/// <summary>What run files take on disk and the users' control over it: deleting experiments, garbage collection.</summary>
public interface IStorageService
{
    /// <summary>Deletes an experiment's run folder, marks it and its checkpoints deleted and drops its leaderboard
    /// entries. Refused (nothing changed) while it is queued or running.</summary>
    Task<DeleteResult> DeleteAsync(Guid experimentId);

    /// <summary>Disk use of every run folder and in total; measured by walking <c>runs/</c>, cached for a short while.</summary>
    Task<StorageUsage> GetUsageAsync();

    /// <summary>Applies checkpoint retention to every finished experiment's files and removes run folders of deleted
    /// experiments. With <paramref name="dryRun"/>, reports what it would free and removes nothing.</summary>
    Task<GcReport> CollectAsync(bool dryRun);
}

/// <summary>Files and bytes (of a folder, or freed).</summary>
public sealed record DiskUsage(long Files, long Bytes)
{
    public static readonly DiskUsage None = new(0, 0);

    public DiskUsage Add(DiskUsage other) => new(Files + other.Files, Bytes + other.Bytes);
}

/// <summary>Disk use per experiment (run folders named by an experiment id) and in total (all of <c>runs/</c>).</summary>
public sealed record StorageUsage(DiskUsage Total, IReadOnlyDictionary<Guid, DiskUsage> PerExperiment, DateTimeOffset MeasuredAt)
{
    public DiskUsage Of(Guid experimentId) => PerExperiment.TryGetValue(experimentId, out var usage) ? usage : DiskUsage.None;
}

public enum DeleteOutcome
{
    Deleted,
    NotFound,
    /// <summary>The experiment is queued or running; <see cref="DeleteResult.Message"/> says what to do.</summary>
    Refused,
}

public sealed record DeleteResult(DeleteOutcome Outcome, string Message, DiskUsage Freed);

/// <summary>One thing garbage collection removed (or would remove): a checkpoint file with its manifest, or a run folder.</summary>
public sealed record GcItem(Guid ExperimentId, string Path, string Reason, DiskUsage Size);

public sealed record GcReport(bool DryRun, IReadOnlyList<GcItem> Items, DiskUsage Freed);
