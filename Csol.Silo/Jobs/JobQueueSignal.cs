using System.Collections.Concurrent;

namespace Csol.Silo.Jobs;

/// <summary>Tells this process's idle Hangfire workers that a job is waiting in their queue, so they fetch it at once
/// instead of at their next poll. Hangfire.Storage.SQLite only polls; the embedded mode's dispatcher and workers share
/// the process, so the dispatcher rings this once the job is committed. The poll stays as the fallback (a job enqueued
/// by another process, a signal missed).</summary>
public sealed class JobQueueSignal
{
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _waiting = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A token cancelled by the next <see cref="Notify"/> of any of <paramref name="queues"/>. Take it before
    /// looking into the queue: a job committed after the look then still wakes the waiter.</summary>
    public CancellationToken NextNotification(IReadOnlyList<string> queues)
    {
        if (queues.Count == 1)
            return Current(queues[0]).Token;
        return CancellationTokenSource.CreateLinkedTokenSource([.. queues.Select(q => Current(q).Token)]).Token;
    }

    /// <summary>A job is committed to <paramref name="queue"/>: wakes whoever waits on it.</summary>
    public void Notify(string queue)
    {
        var rung = _waiting.TryRemove(queue, out var current) ? current : null;
        // Not disposed: a waiter may be linking to it at this moment, and a source with no timer holds nothing to free.
        rung?.Cancel();
    }

    private CancellationTokenSource Current(string queue) => _waiting.GetOrAdd(queue, _ => new CancellationTokenSource());
}
