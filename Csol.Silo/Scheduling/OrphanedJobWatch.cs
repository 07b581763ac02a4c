using Csol.Abstractions;
using Csol.Silo.Hosting;
using Hangfire;
using Microsoft.Extensions.Options;

namespace Csol.Silo.Scheduling;

/// <summary>Finds steps of this host's devices that the scheduler holds as running but that no Hangfire job carries
/// any more, and has them dispatched again. That happens when a step job fails while the database is away: its own
/// error handling cannot reach the scheduler, Hangfire marks it Failed, and without this the device would wait forever.
/// A ticket must be missing in two checks in a row, so a job being created or fetched right then is not mistaken.</summary>
internal sealed class OrphanedJobWatch(
    IGrainFactory grains,
    IDeviceInventory inventory,
    JobStorage storage,
    IOptions<JobsOptions> jobs,
    ILogger<OrphanedJobWatch> logger) : BackgroundService
{
    private const int PageSize = 1000;
    private HashSet<Guid> _missingBefore = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (inventory.Devices.Count == 0)
            return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(jobs.Value.OrphanCheckSeconds));
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await CheckAsync();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database or the scheduler is away: the next round tries again.
                logger.LogDebug(e, "Orphaned-job check skipped");
            }
        }
    }

    private async Task CheckAsync()
    {
        var scheduler = grains.GetGrain<ISchedulerGrain>(ISchedulerGrain.Key);
        var tickets = await scheduler.GetTicketsAsync(inventory.Host);
        var carried = CarriedTokens();
        var missing = tickets.Where(t => !carried.Contains(t.Token)).ToList();
        foreach (var ticket in missing.Where(t => _missingBefore.Contains(t.Token)))
            if (await scheduler.DispatchAgainAsync(ticket))
                logger.LogWarning("Experiment {Id} step {Step} on {Device} had lost its job; dispatched again", ticket.ExperimentId, ticket.Step,
                    ticket.Device.Key);
        _missingBefore = missing.Select(t => t.Token).ToHashSet();
    }

    /// <summary>Tokens of the step jobs waiting, fetched or processing on this host's queues.</summary>
    private HashSet<Guid> CarriedTokens()
    {
        var monitoring = storage.GetMonitoringApi();
        var tokens = new HashSet<Guid>();
        foreach (var device in inventory.Devices)
        {
            var queue = JobTicket.QueueName(device);
            foreach (var (_, job) in monitoring.EnqueuedJobs(queue, 0, PageSize))
                if (job?.Job?.Args is [JobTicket t, ..]) tokens.Add(t.Token);
            foreach (var (_, job) in monitoring.FetchedJobs(queue, 0, PageSize))
                if (job?.Job?.Args is [JobTicket t, ..]) tokens.Add(t.Token);
        }
        foreach (var (_, job) in monitoring.ProcessingJobs(0, PageSize))
            if (job?.Job?.Args is [JobTicket t, ..]) tokens.Add(t.Token);
        return tokens;
    }
}
