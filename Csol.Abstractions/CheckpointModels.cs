namespace Csol.Abstractions;

/// <summary>A checkpoint file the platform knows about. <see cref="Path"/> is relative to the data directory.</summary>
[GenerateSerializer, Immutable]
public sealed record CheckpointInfo
{
    [Id(0)] public Guid Id { get; init; }
    [Id(1)] public Guid ExperimentId { get; init; }
    [Id(2)] public string ExperimentName { get; init; } = "";
    /// <summary><c>stage-one</c> or <c>stage-two</c>.</summary>
    [Id(3)] public string Stage { get; init; } = "";
    [Id(4)] public int Epoch { get; init; }
    [Id(5)] public string Path { get; init; } = "";
    [Id(6)] public string Sha256 { get; init; } = "";
    [Id(7)] public long SizeBytes { get; init; }
    [Id(8)] public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();
    [Id(9)] public IReadOnlyList<string> Tags { get; init; } = [];
    [Id(10)] public DateTimeOffset CreatedAt { get; init; }
    /// <summary>True once retention (or a user) removed the file; the record stays for lineage.</summary>
    [Id(11)] public bool Deleted { get; init; }
}
