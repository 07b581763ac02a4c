namespace Csol.Abstractions;

/// <summary>One line of an experiment's log: what its step jobs did (attempt started or resumed, step finished, error).</summary>
public sealed record ExperimentLogLine(Guid ExperimentId, long Sequence, DateTimeOffset At, string Level, string Message)
{
    public const string Info = "info";
    public const string Warning = "warning";
    public const string Error = "error";
}

/// <summary>A per-experiment, append-only log the step jobs write and the dashboard and API read.</summary>
public interface IExperimentLog
{
    /// <summary>Appends a line. Never throws: a log that cannot be written must not fail the run (the failure is logged).</summary>
    Task AppendAsync(Guid experimentId, string level, string message);

    /// <summary>The experiment's lines in the order written, the last <paramref name="max"/> of them.</summary>
    Task<IReadOnlyList<ExperimentLogLine>> ReadAsync(Guid experimentId, int max = 500);
}
