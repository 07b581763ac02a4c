using Csol.Abstractions;
using Orleans.Runtime;

namespace Csol.Silo.Scheduling;

/// <summary>Cluster mode: follows Orleans' membership and tells the scheduler when a host's silo is declared dead (it
/// was killed, lost its network, or left), so the experiments running there move to other devices. Every silo reports;
/// the scheduler ignores repeats and reports about a silo the host has since replaced.</summary>
internal sealed class ClusterMembershipWatcher(
    IClusterMembershipService membership,
    IGrainFactory grains,
    ILogger<ClusterMembershipWatcher> logger) : BackgroundService
{
    private readonly HashSet<SiloAddress> _reported = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stoppingToken))
                foreach (var member in snapshot.Members.Values)
                    if (member.Status == SiloStatus.Dead && _reported.Add(member.SiloAddress))
                        await ReportAsync(member, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task ReportAsync(ClusterMember member, CancellationToken stoppingToken)
    {
        var scheduler = grains.GetGrain<ISchedulerGrain>(ISchedulerGrain.Key);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await scheduler.HostLostAsync(member.Name, member.SiloAddress.ToParsableString());
                logger.LogInformation("Silo {Silo} of host {Host} is dead; the scheduler moved its experiments", member.SiloAddress, member.Name);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException && attempt < 10)
            {
                // The scheduler grain may have lived on the dead silo: it is activated again elsewhere shortly.
                logger.LogWarning(e, "Telling the scheduler about dead silo {Silo} failed (attempt {Attempt})", member.SiloAddress, attempt);
                await Task.Delay(TimeSpan.FromSeconds(attempt), stoppingToken);
            }
        }
    }
}
