namespace Csol.Abstractions;

/// <summary>A validated experiment handed to its grain to be queued.</summary>
[GenerateSerializer, Immutable]
public sealed record ExperimentSubmission(
    [property: Id(0)] string Name,
    [property: Id(1)] string ConfigJson,
    [property: Id(2)] string ConfigSource)
{
    [Id(3)] public int Priority { get; init; }
    [Id(4)] public string? Group { get; init; }
    [Id(5)] public string? CodeVersion { get; init; }
    /// <summary>Saved as a <see cref="ExperimentStatus.Draft"/>, not queued.</summary>
    [Id(6)] public bool Draft { get; init; }
    /// <summary>The config's kind (stage-one, pipeline, probe).</summary>
    [Id(7)] public string? Kind { get; init; }
    /// <summary>The signed-in user submitting it.</summary>
    [Id(8)] public string? Owner { get; init; }
    /// <summary>Lineage: the checkpoint an evaluation scores (<see cref="ExperimentSnapshot.ParentCheckpointId"/>).</summary>
    [Id(9)] public Guid? ParentCheckpointId { get; init; }
    /// <summary>Its sweep's early-stopping rule, applied to it while it runs (null: none).</summary>
    [Id(10)] public SweepStoppingRule? SweepStopping { get; init; }
}

/// <summary>The median stopping rule of a sweep (its group): after <paramref name="WarmupEpochs"/>, a member stops at
/// epoch e when its best <paramref name="Metric"/> so far is worse than the median of the other members' values at e.</summary>
[GenerateSerializer, Immutable]
public sealed record SweepStoppingRule(
    [property: Id(0)] string Metric,
    [property: Id(1)] int WarmupEpochs,
    [property: Id(2)] bool LowerIsBetter);

/// <summary>What a job needs to run an experiment it was allowed to start.</summary>
[GenerateSerializer, Immutable]
public sealed record ExperimentLease(
    [property: Id(0)] string ConfigJson,
    [property: Id(1)] int Attempt)
{
    /// <summary>How many times the current step has started (1 on its first try): retries stop at the configured limit.</summary>
    [Id(2)] public int StepAttempt { get; init; } = 1;
}
