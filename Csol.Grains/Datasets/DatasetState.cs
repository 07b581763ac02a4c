using Csol.Abstractions;

namespace Csol.Grains.Datasets;

/// <summary>Persisted state of a <see cref="DatasetGrain"/>.</summary>
[GenerateSerializer]
public sealed record DatasetState
{
    /// <summary>Null until registered.</summary>
    [Id(0)] public DatasetInfo? Info { get; init; }
}
