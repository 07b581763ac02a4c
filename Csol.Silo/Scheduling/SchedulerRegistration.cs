using Csol.Abstractions;
using Csol.Learning.Experiments;
using Csol.Silo.Hosting;
using Hangfire;
using Microsoft.Extensions.Options;

namespace Csol.Silo.Scheduling;

/// <summary>At start-up: tells the scheduler this host's devices (which re-dispatches whatever it had assigned here when
/// the process died), then hands it every Queued or Running experiment it does not hold yet, so an experiment
/// submitted just before a crash, or left by an older version, is not stranded.</summary>
internal sealed class SchedulerRegistration(
    IGrainFactory grains,
    IDeviceInventory inventory,
    IExperimentRecords records,
    JobStorage storage,
    IBackgroundJobClient jobs,
    ILocalSiloDetails silo,
    IOptions<OrleansOptions> orleans,
    ILogger<SchedulerRegistration> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = grains.GetGrain<ISchedulerGrain>(ISchedulerGrain.Key);
        if (orleans.Value.IsCluster)
            await scheduler.BindSiloAsync(inventory.Host, silo.SiloAddress.ToParsableString());
        await scheduler.RegisterHostAsync(inventory.Host, inventory.Devices);
        logger.LogInformation("Host {Host} offers {Devices}", inventory.Host, string.Join(", ", inventory.Devices.Select(d => d.Name)));
        if (await StaleJobCleanup.DeleteAsync(storage, jobs, scheduler, inventory.Host) is > 0 and var deleted)
            logger.LogInformation("Deleted {Count} stale Processing jobs of a previous process of host {Host}", deleted, inventory.Host);

        var unfinished = (await records.ListAsync(cancellationToken))
            .Where(e => e.Status is ExperimentStatus.Queued or ExperimentStatus.Running)
            .OrderBy(e => e.CreatedAt)
            .ToList();
        var entries = new List<QueueEntry>();
        foreach (var summary in unfinished)
            entries.Add(await EntryAsync(grains.GetGrain<IExperimentGrain>(summary.Id)));
        if (entries.Count > 0)
            await scheduler.EnqueueAsync(entries);
    }

    /// <summary>Cluster mode: a host that stops leaves the cluster, so what it was running moves to other devices now
    /// (its job servers have stopped before this runs) rather than when it comes back. One machine alone keeps its
    /// assignments for its next start instead.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (!orleans.Value.IsCluster)
            return;
        try
        {
            await grains.GetGrain<ISchedulerGrain>(ISchedulerGrain.Key).HostLostAsync(inventory.Host, silo.SiloAddress.ToParsableString());
            logger.LogInformation("Host {Host} left the cluster", inventory.Host);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Host {Host} could not tell the scheduler it leaves; the cluster notices when its silo is declared dead",
                inventory.Host);
        }
    }

    /// <summary>The queue entry for a submitted experiment: its priority and the device its config asks for.</summary>
    public static async Task<QueueEntry> EntryAsync(IExperimentGrain grain)
    {
        var snapshot = await grain.GetAsync();
        string device;
        try
        {
            device = ExperimentConfigLoader.Parse(snapshot.ConfigJson, snapshot.Name).Device;
        }
        catch (ExperimentConfigException)
        {
            device = "auto"; // the job reports the config's problems when it starts
        }
        return new QueueEntry(snapshot.Id, snapshot.Name, snapshot.Priority, snapshot.CreatedAt, device);
    }
}
