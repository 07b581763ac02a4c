namespace Csol.Grains.Experiments;

/// <summary>Names shared by grains and host so that both agree on where state lives.</summary>
public static class StorageNames
{
    /// <summary>The grain storage provider (EF Core over the platform database).</summary>
    public const string Platform = "csol";

    public const string ExperimentState = "experiment";

    public const string CheckpointState = "checkpoint";

    public const string DatasetState = "dataset";

    public const string LeaderboardState = "leaderboard";
    public const string SchedulerState = "scheduler";

    public const string SweepStoppingState = "sweep-stopping";
}
