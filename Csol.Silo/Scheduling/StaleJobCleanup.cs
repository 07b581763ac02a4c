using Csol.Abstractions;
using Hangfire;
using Hangfire.States;

namespace Csol.Silo.Scheduling;

/// <summary>Step jobs a killed process of this host left in Hangfire's Processing state. The scheduler has re-issued their
/// tickets, so they would do nothing, but Hangfire would show them as running until its storage's invisibility timeout
/// (about half an hour) hands them out again. At start-up, before this host's job servers run, they are deleted.</summary>
internal static class StaleJobCleanup
{
    private const int PageSize = 500;

    /// <returns>How many jobs were deleted.</returns>
    public static async Task<int> DeleteAsync(JobStorage storage, IBackgroundJobClient jobs, ISchedulerGrain scheduler, string host)
    {
        var monitoring = storage.GetMonitoringApi();
        var stale = new List<(string Id, JobTicket Ticket)>();
        for (var from = 0; ; from += PageSize)
        {
            var page = monitoring.ProcessingJobs(from, PageSize);
            foreach (var (id, job) in page)
                if (job?.Job?.Args is [JobTicket ticket, ..] && ticket.Device.Host == host)
                    stale.Add((id, ticket));
            if (page.Count < PageSize)
                break;
        }
        var deleted = 0;
        foreach (var (id, ticket) in stale)
        {
            if (await scheduler.ClaimAsync(ticket))
                continue; // still current (cannot happen once the host registered, which re-issues its tickets): leave it
            var state =
                new DeletedState { Reason = $"stale: its process died; experiment {ticket.ExperimentId} step {ticket.Step} was dispatched again" };
            if (jobs.ChangeState(id, state, ProcessingState.StateName))
                deleted++;
        }
        return deleted;
    }
}
