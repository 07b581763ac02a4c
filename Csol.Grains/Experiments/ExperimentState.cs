using Csol.Grains.Abstractions;

namespace Csol.Grains.Experiments;

/// <summary>Persisted state of an <see cref="ExperimentGrain"/>.</summary>
[GenerateSerializer]
public sealed record ExperimentState
{
    /// <summary>Everything the snapshot shows; the grain's id is filled in on read.</summary>
    [Id(0)] public ExperimentSnapshot Snapshot { get; init; } = new();

    /// <summary>Metric history of the current attempt, in report order.</summary>
    [Id(1)] public List<MetricPoint> Metrics { get; init; } = [];
}
