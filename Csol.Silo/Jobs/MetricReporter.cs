using System.Threading.Channels;
using Csol.Grains.Abstractions;
using Csol.Learning.Training;

namespace Csol.Silo.Jobs;

/// <summary>Carries progress from the training thread to the experiment grain in batches, so training never waits
/// on storage and the grain is called a few times a second rather than once per step.</summary>
internal sealed class MetricReporter : IAsyncDisposable
{
    private readonly Channel<TrainingProgress> _channel = Channel.CreateUnbounded<TrainingProgress>(new() { SingleReader = true });
    private readonly IExperimentGrain _grain;
    private readonly CancellationTokenSource _cancel;
    private readonly TimeSpan _interval;
    private readonly Task _pump;
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _totalSteps;

    public MetricReporter(IExperimentGrain grain, CancellationTokenSource cancel, TimeSpan interval)
    {
        _grain = grain;
        _cancel = cancel;
        _interval = interval;
        _pump = Task.Run(PumpAsync);
    }

    /// <summary>True once the grain answered that a user asked to cancel.</summary>
    public bool CancelRequested { get; private set; }

    /// <summary>Called on the training thread after every step; never blocks.</summary>
    public void Add(TrainingProgress progress) => _channel.Writer.TryWrite(progress);

    /// <summary>Sends everything reported so far and stops the pump.</summary>
    public async ValueTask DisposeAsync()
    {
        _channel.Writer.TryComplete();
        _ended.TrySetResult();
        await _pump;
    }

    private async Task PumpAsync()
    {
        var batch = new List<MetricPoint>();
        var reader = _channel.Reader;
        while (await reader.WaitToReadAsync())
        {
            while (reader.TryRead(out var progress))
                Append(batch, progress);
            if (batch.Count > 0)
            {
                if (await _grain.ReportAsync(batch.ToArray(), _totalSteps) && !CancelRequested)
                {
                    CancelRequested = true;
                    await _cancel.CancelAsync();
                }
                batch.Clear();
            }
            // At most one grain call per interval, but no waiting once the run has ended. (The reader's Completion would not
            // do: it stays pending while points are still unread, so the last batch would wait a whole interval.)
            await Task.WhenAny(_ended.Task, Task.Delay(_interval));
        }
    }

    private void Append(List<MetricPoint> batch, TrainingProgress progress)
    {
        _totalSteps = progress.TotalSteps;
        foreach (var (name, value) in progress.Metrics)
            batch.Add(new MetricPoint(progress.Step, progress.Epoch, name, value, progress.ElapsedSeconds));
    }
}
