namespace Csol.Abstractions;

/// <summary>A step job starting: which step, where, and the progress step it continues after (a checkpoint's, or 0).</summary>
[GenerateSerializer, Immutable]
public sealed record ExperimentStart(
    [property: Id(0)] int Step,
    [property: Id(1)] string StepName,
    [property: Id(2)] int ResumeFromStep,
    [property: Id(3)] string Device)
{
    /// <summary>The first step from scratch on an unnamed device (tests and single-step runs).</summary>
    public static ExperimentStart First { get; } = new(0, "run", 0, "");
}

/// <summary>One attempt at an experiment: the first start, and each retry or restart after a crash.</summary>
[GenerateSerializer, Immutable]
public sealed record AttemptRecord(
    [property: Id(0)] int Number,
    [property: Id(1)] string StepName,
    [property: Id(2)] string Device,
    [property: Id(3)] DateTimeOffset StartedAt,
    [property: Id(4)] int ResumedFromStep)
{
    /// <summary>Why the attempt ended early, when it failed.</summary>
    [Id(5)] public string? Error { get; init; }
}
