using System.Threading.Channels;
using Csol.Abstractions;
using Csol.Learning.Training;

namespace Csol.Silo.Jobs;

/// <summary>Carries the progress a step's child process reports to the experiment grain in batches, so the child never
/// waits on storage (except at a checkpoint: <see cref="FlushAsync"/>) and the grain is called a few times a second
/// rather than once per step.</summary>
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
    // Without points to send, the pump still asks the grain about a cancel every few intervals.
    private const int QuietIntervalsBetweenPolls = 4;
    private int _quietIntervals;

    public MetricReporter(IExperimentGrain grain, CancellationTokenSource cancel, TimeSpan interval)
    {
        _grain = grain;
        _cancel = cancel;
        _interval = interval;
        _pump = Task.Run(PumpAsync);
    }

    /// <summary>True once the grain answered that a user asked to cancel.</summary>
    public bool CancelRequested { get; private set; }

    /// <summary>Called for every step the child reports; never blocks.</summary>
    public void Add(TrainingProgress progress) => _channel.Writer.TryWrite(new Item(progress, null));

    /// <summary>Completes once every point added so far is stored: the child may then write its checkpoint, which so
    /// never runs ahead of the metric history (see StageOneTrainerOptions.BeforeCheckpoint). Throws if storing failed,
    /// so the checkpoint is not written.</summary>
    public async Task FlushAsync()
    {
        var flushed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_channel.Writer.TryWrite(new Item(null, flushed)))
            throw new InvalidOperationException("the metric reporter is already stopped");
        _wake.Release();
        await Task.WhenAny(flushed.Task, _pump);
        if (!flushed.Task.IsCompleted)
        {
            await _pump; // throws the grain call's error
            throw new InvalidOperationException("the metric reporter stopped before storing the points");
        }
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
        while (true)
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
                await ObserveCancelAsync(await _grain.ReportAsync(batch.ToArray(), _totalSteps));
                batch.Clear();
                _quietIntervals = 0;
            }
            else if (++_quietIntervals % QuietIntervalsBetweenPolls == 0)
                await ObserveCancelAsync((await _grain.GetAsync()).CancelRequested); // a step that reports nothing for a while
            foreach (var flushed in flushes)
                flushed.TrySetResult();
            flushes.Clear();
            if (reader.Completion.IsCompleted)
                return;
            // At most one grain call per interval, unless a flush or the end of the run wakes the pump earlier.
            await _wake.WaitAsync(_interval);
        }
    }

    private async Task ObserveCancelAsync(bool requested)
    {
        if (!requested || CancelRequested)
            return;
        CancelRequested = true;
        await _cancel.CancelAsync();
    }

    private void Append(List<MetricPoint> batch, TrainingProgress progress)
    {
        _totalSteps = progress.TotalSteps;
        foreach (var (name, value) in progress.Metrics)
            batch.Add(new MetricPoint(progress.Step, progress.Epoch, name, value, progress.ElapsedSeconds));
    }
}
