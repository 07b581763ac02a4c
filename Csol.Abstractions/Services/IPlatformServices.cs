using Csol.Abstractions;

namespace Csol.Abstractions.Services;

// The faces the dashboard and the HTTP API see of the platform (next to IExperimentService). They hide grains, jobs and
// storage, so the dashboard never talks to Orleans and the authorization issue has one layer to wrap.

/// <summary>Devices and the experiments waiting for them.</summary>
public interface IQueueService
{
    Task<QueueView> GetQueueAsync();

    /// <summary>Changes a waiting experiment's priority (higher starts first). False when it is not waiting.</summary>
    Task<bool> SetPriorityAsync(Guid experimentId, int priority);

    /// <summary>Moves a waiting experiment to <paramref name="position"/> (0 = next to start) among the waiting ones,
    /// by giving it the priority that puts it there. False when it is not waiting.</summary>
    Task<bool> MoveAsync(Guid experimentId, int position);
}

/// <summary>The text formats <see cref="ILeaderboardService.ExportAsync"/> writes.</summary>
public static class ExportFormats
{
    public const string Csv = "csv";
    public const string Latex = "latex";
    public const string Markdown = "markdown";
    public static readonly IReadOnlyList<string> All = [Latex, Csv, Markdown];
}

public interface ILeaderboardService
{
    Task<IReadOnlyList<LeaderboardKey>> ListAsync();

    /// <summary>Null when nothing was recorded for that dataset and task.</summary>
    Task<Leaderboard?> GetAsync(LeaderboardKey key);

    /// <summary>The board as a table to paste into a paper: <c>csv</c>, <c>latex</c> or <c>markdown</c>, best values
    /// in bold; with <paramref name="aggregateSeeds"/>, experiments whose configs differ only in seed are one row
    /// (mean ± sample std, n). Null when there is no such board.</summary>
    Task<string?> ExportAsync(LeaderboardKey key, string format, bool aggregateSeeds);
}

public interface ICheckpointService
{
    /// <summary>All checkpoints, or one experiment's, newest first; deleted ones included only when asked.</summary>
    Task<IReadOnlyList<CheckpointInfo>> ListAsync(Guid? experimentId = null, bool includeDeleted = false);

    Task<CheckpointInfo?> GetAsync(Guid checkpointId);

    Task<CheckpointInfo> TagAsync(Guid checkpointId, string tag);
}

public interface IDatasetService
{
    Task<IReadOnlyList<DatasetInfo>> ListAsync();

    Task<DatasetInfo?> GetAsync(string datasetId);

    /// <summary>Registers a folder under a configured data root. Throws <see cref="ArgumentException"/> naming the path
    /// and the reason when it is outside the roots, missing, or not a dataset.</summary>
    Task<DatasetInfo> RegisterAsync(string path, string? name = null);

    /// <summary>Up to <paramref name="count"/> annotated frames, spread over the classes.</summary>
    Task<IReadOnlyList<DatasetSample>> GetSamplesAsync(string datasetId, int count);
}
