using System.Threading.Channels;
using Csol.Abstractions;

namespace Csol.Silo.Jobs;

/// <summary>Copies a child's stdout and stderr into the experiment log, line by line and in order, up to
/// <see cref="MaxLines"/> lines an attempt (a chatty or looping child must not flood the log store).</summary>
internal sealed class ChildOutputLog
{
    public const int MaxLines = 400;
    private const int MaxLineLength = 2000;

    private readonly Channel<(string Level, string Line)> _lines = Channel.CreateUnbounded<(string, string)>(new() { SingleReader = true });
    private readonly Task _stdout;
    private readonly Task _stderr;
    private readonly Task _writer;
    private int _count;

    public ChildOutputLog(IExperimentLog log, Guid experimentId, string stepName, StepProcess child)
    {
        _stdout = ReadAsync(child.Process.StandardOutput, ExperimentLogLine.Info);
        _stderr = ReadAsync(child.Process.StandardError, ExperimentLogLine.Warning);
        _writer = WriteAsync(log, experimentId, $"{stepName} (pid {child.Pid})");
    }

    /// <summary>Completes once both streams have ended (the child exited) and every line is in the log.</summary>
    public async Task DrainAsync()
    {
        await Task.WhenAll(_stdout, _stderr);
        _lines.Writer.TryComplete();
        await _writer;
    }

    private async Task ReadAsync(StreamReader stream, string level)
    {
        while (await stream.ReadLineAsync() is { } line)
        {
            var n = Interlocked.Increment(ref _count);
            if (n <= MaxLines)
                _lines.Writer.TryWrite((level, line.Length <= MaxLineLength ? line : line[..MaxLineLength] + "…"));
            else if (n == MaxLines + 1)
                _lines.Writer.TryWrite((ExperimentLogLine.Warning, $"more than {MaxLines} lines of output: the rest is not logged"));
        }
    }

    private async Task WriteAsync(IExperimentLog log, Guid experimentId, string source)
    {
        await foreach (var (level, line) in _lines.Reader.ReadAllAsync())
            await log.AppendAsync(experimentId, level, $"{source}: {line}");
    }
}
