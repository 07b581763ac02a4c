namespace Csol.Learning.Experiments;

/// <summary>The <c>probe</c> kind: steps that only report a value, so the queue and job machinery can be measured and
/// load-tested without training anything.</summary>
public sealed record ProbeConfig
{
    /// <summary>Progress steps the probe reports (each with a <c>loss</c> point).</summary>
    public int Steps { get; init; } = 3;

    /// <summary>Time each step takes (a sleep); 0 for as fast as possible.</summary>
    public int StepMilliseconds { get; init; }

    /// <summary>The first N attempts fail at the last step, so retries can be seen working. 0 (default) never fails.</summary>
    public int FailFirstAttempts { get; init; }
}
