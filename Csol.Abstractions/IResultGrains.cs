namespace Csol.Abstractions;

/// <summary>One checkpoint file's record, keyed by the checkpoint's id.</summary>
public interface ICheckpointGrain : IGrainWithGuidKey
{
    /// <summary>Records the checkpoint; registering the same file again (same id) updates its metrics and size.</summary>
    Task<CheckpointInfo> RegisterAsync(CheckpointInfo info);

    /// <summary>Null when nothing was registered under this id.</summary>
    Task<CheckpointInfo?> GetAsync();

    /// <summary>Adds a tag (kept once). Throws <see cref="KeyNotFoundException"/> for an unregistered id.</summary>
    Task<CheckpointInfo> TagAsync(string tag);

    /// <summary>Marks the file removed (by retention or a user); the record stays for lineage.</summary>
    Task<CheckpointInfo> MarkDeletedAsync();
}

/// <summary>One registered dataset, keyed by <see cref="DatasetInfo.Id"/>.</summary>
public interface IDatasetGrain : IGrainWithStringKey
{
    /// <summary>Records (or refreshes) the dataset; registration time and users survive a refresh.</summary>
    Task<DatasetInfo> RegisterAsync(DatasetInfo info);

    Task<DatasetInfo?> GetAsync();

    /// <summary>Records that an experiment trained on it (kept once).</summary>
    Task<DatasetInfo> AddUserAsync(Guid experimentId);
}

/// <summary>The early-stopping state of one sweep, keyed by its group name: each member's metric per epoch.</summary>
public interface ISweepStoppingGrain : IGrainWithStringKey
{
    /// <summary>Records <paramref name="member"/>'s value at <paramref name="epoch"/> and applies the rule; returns why
    /// it should stop, or null.</summary>
    Task<string?> ReportAsync(Guid member, int epoch, double value, SweepStoppingRule rule);
}

/// <summary>One leaderboard, keyed by <see cref="LeaderboardKey.ToString"/> (<c>{dataset}/{task}</c>).</summary>
public interface ILeaderboardGrain : IGrainWithStringKey
{
    /// <summary>Keeps the entry when it is its experiment's first or beats that experiment's earlier one on the
    /// ranking metric. Returns whether it was kept.</summary>
    Task<bool> SubmitAsync(LeaderboardEntry entry, string datasetName);

    /// <summary>Null when nothing was submitted; otherwise the best <paramref name="top"/> entries, best first.</summary>
    Task<Leaderboard?> GetAsync(int top = int.MaxValue);

    /// <summary>Drops the experiment's entry (its experiment was deleted). Returns whether there was one.</summary>
    Task<bool> RemoveAsync(Guid experimentId);
}
