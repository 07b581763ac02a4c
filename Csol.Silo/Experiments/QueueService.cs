using Csol.Abstractions;
using Csol.Abstractions.Services;

namespace Csol.Silo.Experiments;

/// <summary>The queue as the dashboard and the API see it, over the scheduler grain. A priority change is copied to the
/// experiment so lists show it.</summary>
public sealed class QueueService(IGrainFactory grains) : IQueueService
{
    private ISchedulerGrain Scheduler => grains.GetGrain<ISchedulerGrain>(ISchedulerGrain.Key);

    public Task<QueueView> GetQueueAsync() => Scheduler.GetQueueAsync();

    public async Task<bool> SetPriorityAsync(Guid experimentId, int priority)
    {
        if (!await Scheduler.SetPriorityAsync(experimentId, priority))
            return false;
        await grains.GetGrain<IExperimentGrain>(experimentId).SetPriorityAsync(priority);
        return true;
    }

    public async Task<bool> MoveAsync(Guid experimentId, int position)
    {
        if (await Scheduler.MoveAsync(experimentId, position) is not { } priority)
            return false;
        await grains.GetGrain<IExperimentGrain>(experimentId).SetPriorityAsync(priority);
        return true;
    }
}
