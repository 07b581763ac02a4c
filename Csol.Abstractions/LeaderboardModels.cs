namespace Csol.Abstractions;

/// <summary>Which leaderboard: one per dataset (its content-hash id) and task.</summary>
[GenerateSerializer, Immutable]
public sealed record LeaderboardKey([property: Id(0)] string DatasetId, [property: Id(1)] string Task)
{
    /// <summary>Single-source localization (stage one): IoU@0.5 and AUC.</summary>
    public const string SingleSource = "single-source";

    /// <summary>Class-aware multi-source localization (the pipeline): CIoU@0.3, AUC and NSA.</summary>
    public const string MultiSource = "multi-source";

    /// <summary>Transfer to unsupervised object detection (the detection kind): mAP50 and AP50 per class.</summary>
    public const string Detection = "detection";

    /// <summary>The split every board's figures come from: each is scored once on the test set, with the network that
    /// validation chose (stage one) or the run's final network (the pipeline, detection, an evaluation). A board never
    /// ranks validation figures, nor mixes them with test ones. Its columns keep the names the runners emit (e.g. the
    /// pipeline's evaluation reports <c>val_ciou@0.3</c> for the test composites), so exports and the CLI say the split.</summary>
    public const string FiguresSplit = "test";

    /// <summary>The grain key, <c>{dataset}/{task}</c>.</summary>
    public override string ToString() => $"{DatasetId}/{Task}";
}

/// <summary>An experiment's best result on one leaderboard.</summary>
[GenerateSerializer, Immutable]
public sealed record LeaderboardEntry(
    [property: Id(0)] Guid ExperimentId,
    [property: Id(1)] string ExperimentName,
    [property: Id(2)] Guid? CheckpointId,
    [property: Id(3)] IReadOnlyDictionary<string, double> Metrics,
    [property: Id(4)] IReadOnlyDictionary<string, double> PerClass,
    [property: Id(5)] DateTimeOffset RecordedAt,
    [property: Id(6)] Guid? SweepId)
{
    /// <summary>The experiment's config with seed and labels taken out, hashed (SeedFingerprint): entries that share it
    /// differ only in seed. Null on entries filed before it was kept.</summary>
    [Id(7)] public string? SeedGroup { get; init; }
}

/// <summary>A leaderboard: its metric columns (the first is the ranking metric), per-class columns and entries, best first.</summary>
[GenerateSerializer, Immutable]
public sealed record Leaderboard(
    [property: Id(0)] LeaderboardKey Key,
    [property: Id(1)] string DatasetName,
    [property: Id(2)] IReadOnlyList<string> MetricColumns,
    [property: Id(3)] IReadOnlyList<string> ClassColumns,
    [property: Id(4)] IReadOnlyList<LeaderboardEntry> Entries);
