namespace Csol.Abstractions;

// Queryable records the result grains keep in step (tables), so lists need not wake one grain per row. Behind
// interfaces so the host chooses the store, as with IExperimentRecords.

public interface ICheckpointRecords
{
    Task UpsertAsync(CheckpointInfo info, CancellationToken cancellationToken = default);

    /// <summary>Newest first.</summary>
    Task<IReadOnlyList<CheckpointInfo>> ListAsync(Guid? experimentId, bool includeDeleted, CancellationToken cancellationToken = default);
}

public interface IDatasetRecords
{
    Task UpsertAsync(DatasetInfo info, CancellationToken cancellationToken = default);

    /// <summary>By registration time, oldest first.</summary>
    Task<IReadOnlyList<DatasetInfo>> ListAsync(CancellationToken cancellationToken = default);
}

/// <summary>Leaderboard entries, one row per board and experiment, so a submission writes one row however long the board.</summary>
public interface ILeaderboardEntryStore
{
    Task<IReadOnlyList<LeaderboardEntry>> LoadAsync(LeaderboardKey key, CancellationToken cancellationToken = default);

    Task UpsertAsync(LeaderboardKey key, LeaderboardEntry entry, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<LeaderboardKey>> ListKeysAsync(CancellationToken cancellationToken = default);
}
