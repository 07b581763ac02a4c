using Csol.Abstractions;

namespace Csol.Grains.Experiments;

/// <summary>Persisted state of an <see cref="ExperimentGrain"/>.</summary>
[GenerateSerializer]
public sealed record ExperimentState
{
    /// <summary>Everything the snapshot shows; the grain's id is filled in on read.</summary>
    [Id(0)] public ExperimentSnapshot Snapshot { get; init; } = new();

    // Id 1 held the metric history before it moved to IMetricStore (table metric_points).

    /// <summary>Index of the step the newest job started (-1 before the first).</summary>
    [Id(2)] public int CurrentStep { get; init; } = -1;

    /// <summary>How many times that step has started.</summary>
    [Id(3)] public int StepAttempts { get; init; }

    /// <summary>Its sweep's early-stopping rule, from the submission.</summary>
    [Id(4)] public SweepStoppingRule? SweepStopping { get; init; }

    /// <summary>Set when the rule said stop: the job stops as for a cancel, and the experiment ends StoppedEarly.</summary>
    [Id(5)] public string? StopRequested { get; init; }
}
