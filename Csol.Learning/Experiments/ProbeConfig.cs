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

    /// <summary>How a failing attempt fails: <c>exception</c> (default) throws; <c>abort</c> kills its process natively
    /// (<c>Environment.FailFast</c>, SIGABRT); <c>allocate</c> allocates memory until something stops it. The last two
    /// exist to test process isolation: they are only ever safe in a step's own child process.</summary>
    public string Failure { get; init; } = ProbeFailures.Exception;

    /// <summary>Scripted metric curves: name → one value per step. With curves, step <c>s</c> is epoch <c>s − 1</c> and
    /// reports each curve's value at that index, so early-stopping rules can be tested on known curves.</summary>
    public IReadOnlyDictionary<string, double[]>? Curves { get; init; }
}

/// <summary>The values of <see cref="ProbeConfig.Failure"/>.</summary>
public static class ProbeFailures
{
    public const string Exception = "exception";
    public const string Abort = "abort";
    public const string Allocate = "allocate";

    public static readonly IReadOnlyList<string> All = [Exception, Abort, Allocate];
}
