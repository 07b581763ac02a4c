using Csol.Abstractions;
using Csol.Silo.Jobs;
using Hangfire;
using Hangfire.States;

namespace Csol.Silo.Scheduling;

/// <summary>Creates the step job in the Hangfire queue of its device, where only that device's worker fetches it, and
/// wakes that worker when it runs in this process (<see cref="JobQueueSignal"/>).</summary>
public sealed class HangfireJobDispatcher(IBackgroundJobClient jobs, JobQueueSignal signal, ILogger<HangfireJobDispatcher> logger) : IJobDispatcher
{
    public Task DispatchAsync(JobTicket ticket)
    {
        StartTimeline.Mark(ticket.ExperimentId, StartTimeline.Granted);
        var id = jobs.Create<ExperimentStepJob>(job => job.RunAsync(ticket, CancellationToken.None), new EnqueuedState(ticket.Queue));
        StartTimeline.Mark(ticket.ExperimentId, StartTimeline.Enqueued);
        signal.Notify(ticket.Queue); // committed: an idle worker of this process may fetch it now
        logger.LogDebug("Experiment {Id} step {Step} is job {JobId} on queue {Queue}", ticket.ExperimentId, ticket.Step, id, ticket.Queue);
        return Task.CompletedTask;
    }
}
