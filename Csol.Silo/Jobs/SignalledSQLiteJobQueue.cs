using Hangfire.Storage;
using Hangfire.Storage.SQLite;

namespace Csol.Silo.Jobs;

/// <summary>Hangfire.Storage.SQLite's own queue, whose waiting fetch also ends when <see cref="JobQueueSignal"/> rings
/// for its queue: the worker then looks again at once. Without it, a job waits for the worker's next poll
/// (<c>Csol:Jobs:QueuePollIntervalSeconds</c>), which was most of the embedded mode's queue→start time.</summary>
internal sealed class SignalledSQLiteJobQueueProvider(SQLiteStorageOptions options, JobQueueSignal signal) : IPersistentJobQueueProvider
{
    private readonly SQLiteJobQueueProvider _inner = new(options);

    public IPersistentJobQueue GetJobQueue(HangfireDbContext connection) => new Queue(_inner.GetJobQueue(connection), signal);

    public IPersistentJobQueueMonitoringApi GetJobQueueMonitoringApi(HangfireDbContext connection) => _inner.GetJobQueueMonitoringApi(connection);

    private sealed class Queue(IPersistentJobQueue inner, JobQueueSignal signal) : IPersistentJobQueue
    {
        public IFetchedJob Dequeue(string[] queues, CancellationToken cancellationToken)
        {
            while (true)
            {
                // Taken before the inner queue looks: a job committed after its look cancels this token, which ends
                // its wait (the inner queue waits on the token's handle and throws only when it fetched nothing).
                using var wake = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, signal.NextNotification(queues));
                try
                {
                    return inner.Dequeue(queues, wake.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // rung: look again
                }
            }
        }

        public void Enqueue(string queue, string jobId) => inner.Enqueue(queue, jobId);
    }
}
