using System.Threading.Channels;
using Csol.Abstractions;
using Csol.Learning.Training;

namespace Csol.Silo.Jobs;

/// <summary>Carries progress from the training thread to the experiment grain in batches, so training never waits
/// on storage and the grain is called a few times a second rather than once per step.</summary>
internal sealed class MetricReporter : IAsyncDisposable
{
    // A progress to send, or a flush request completed once everything before it has been sent.
    private readonly record struct Item(TrainingProgress? Progress, TaskCompletionSource? Flushed);

    private readonly Channel<Item> _channel = Channel.CreateUnbounded<Item>(new() { SingleReader = true });
    private readonly IExperimentGrain _grain;
    private readonly CancellationTokenSource _cancel;
    private readonly TimeSpan _interval;
    private readonly Task _pump;
    // Wakes the pump before its interval is up: at a flush and at the end of the run.
    private readonly SemaphoreSlim _wake = new(0);
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
    public void Add(TrainingProgress progress) => _channel.Writer.TryWrite(new Item(progress, null));

    /// <summary>Called on the training thread before a checkpoint is written: blocks until every point added so far is
    /// stored, so the checkpoint never runs ahead of the metric history (see StageOneTrainerOptions.BeforeCheckpoint).</summary>
    public void Flush()
    {
        var flushed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_channel.Writer.TryWrite(new Item(null, flushed)))
            return;
        _wake.Release();
        // A pump that died (the grain call failed) completes too; the job then fails when it disposes the reporter.
        Task.WaitAny(flushed.Task, _pump);
    }

    /// <summary>Sends everything reported so far and stops the pump.</summary>
    public async ValueTask DisposeAsync()
    {
        _channel.Writer.TryComplete();
        _wake.Release();
        await _pump;
    }

    private async Task PumpAsync()
    {
        var batch = new List<MetricPoint>();
        var flushes = new List<TaskCompletionSource>();
        var reader = _channel.Reader;
        while (await reader.WaitToReadAsync())
        {
            while (reader.TryRead(out var item))
            {
                if (item.Flushed is { } flushed)
                    flushes.Add(flushed);
                else
                    Append(batch, item.Progress!);
            }
            if (batch.Count > 0)
            {
                if (await _grain.ReportAsync(batch.ToArray(), _totalSteps) && !CancelRequested)
                {
                    CancelRequested = true;
                    await _cancel.CancelAsync();
                }
                batch.Clear();
            }
            foreach (var flushed in flushes)
                flushed.TrySetResult();
            flushes.Clear();
            // At most one grain call per interval, unless a flush or the end of the run wakes the pump earlier.
            await _wake.WaitAsync(_interval);
        }
    }

    private void Append(List<MetricPoint> batch, TrainingProgress progress)
    {
        _totalSteps = progress.TotalSteps;
        foreach (var (name, value) in progress.Metrics)
            batch.Add(new MetricPoint(progress.Step, progress.Epoch, name, value, progress.ElapsedSeconds));
    }
}
