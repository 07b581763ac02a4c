namespace Csol.Learning.Data.Loading;

/// <summary>
/// Runs <c>load(i)</c> for i = 0..count−1 on <paramref name="workers"/> tasks, at most <paramref name="window"/> items
/// ahead of the consumer, who takes results strictly in order. A load's exception surfaces at its <see cref="Take"/>.
/// Disposing (e.g. the consumer stopped early) cancels the workers and waits for them.
/// </summary>
internal sealed class PrefetchPipeline<T> : IDisposable
{
    private readonly TaskCompletionSource<T>[] results;
    private readonly SemaphoreSlim slots;
    private readonly CancellationTokenSource cancel;
    private readonly Task[] workers;
    private int next = -1;

    public PrefetchPipeline(int count, int workers, int window, Func<int, T> load, CancellationToken cancellationToken)
    {
        results = Enumerable.Range(0, count).Select(_ => new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        slots = new SemaphoreSlim(window);
        cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        this.workers = Enumerable.Range(0, workers).Select(_ => Task.Run(() => Work(load))).ToArray();
    }

    public T Take(int i)
    {
        try
        {
            return results[i].Task.WaitAsync(cancel.Token).GetAwaiter().GetResult();
        }
        finally
        {
            slots.Release();
        }
    }

    private void Work(Func<int, T> load)
    {
        while (!cancel.IsCancellationRequested)
        {
            try
            {
                slots.Wait(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            var i = Interlocked.Increment(ref next);
            if (i >= results.Length)
                return;
            try
            {
                results[i].SetResult(load(i));
            }
            catch (Exception e)
            {
                results[i].SetException(e);
            }
        }
    }

    public void Dispose()
    {
        cancel.Cancel();
        try
        {
            Task.WaitAll(workers);
        }
        catch (AggregateException)
        {
            // Workers end by cancellation; their load errors were delivered through Take.
        }
        cancel.Dispose();
        slots.Dispose();
    }
}
