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
}

/// <summary>What a job needs to run an experiment it was allowed to start.</summary>
[GenerateSerializer, Immutable]
public sealed record ExperimentLease(
    [property: Id(0)] string ConfigJson,
    [property: Id(1)] int Attempt)
{
    /// <summary>How many times the current step has started (1 on its first try): retries stop at the configured limit.</summary>
    [Id(2)] public int StepAttempt { get; init; } = 1;
}
