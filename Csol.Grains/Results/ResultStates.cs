using Csol.Abstractions;

namespace Csol.Grains.Results;

/// <summary>Persisted state of a <see cref="CheckpointGrain"/>.</summary>
[GenerateSerializer]
public sealed record CheckpointState
{
    /// <summary>Null until registered.</summary>
    [Id(0)] public CheckpointInfo? Info { get; init; }
}

/// <summary>Persisted state of a <see cref="LeaderboardGrain"/>; its entries are rows of their own.</summary>
[GenerateSerializer]
public sealed record LeaderboardState
{
    /// <summary>Shown above the board; the dataset's name when last submitted to.</summary>
    [Id(0)] public string DatasetName { get; init; } = "";
}
