using Csol.Abstractions;
using Csol.Silo.Jobs;
using Hangfire;
using Hangfire.States;

namespace Csol.Silo.Scheduling;

/// <summary>Creates the step job in the Hangfire queue of its device, where only that device's worker fetches it.</summary>
public sealed class HangfireJobDispatcher(IBackgroundJobClient jobs, ILogger<HangfireJobDispatcher> logger) : IJobDispatcher
{
    public Task DispatchAsync(JobTicket ticket)
    {
        var id = jobs.Create<ExperimentStepJob>(job => job.RunAsync(ticket, CancellationToken.None), new EnqueuedState(ticket.Queue));
        logger.LogDebug("Experiment {Id} step {Step} is job {JobId} on queue {Queue}", ticket.ExperimentId, ticket.Step, id, ticket.Queue);
        return Task.CompletedTask;
    }
}
