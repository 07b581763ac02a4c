namespace Csol.Abstractions;

/// <summary>The cluster's one scheduler (key <see cref="Key"/>): devices of every host, experiments waiting for them
/// (highest priority first, then queue order), and which experiment runs where. One experiment per device.</summary>
public interface ISchedulerGrain : IGrainWithIntegerKey
{
    public const long Key = 0;

    /// <summary>A host (re)started with these devices. Nothing runs on it yet, so whatever the scheduler had assigned to it
    /// is dispatched again from its current step (jobs of the dead process carry stale tokens and do nothing).</summary>
    Task RegisterHostAsync(string host, IReadOnlyList<DeviceInfo> devices);

    /// <summary>Adds experiments to the waiting list; ones already waiting or running are left as they are.</summary>
    Task EnqueueAsync(IReadOnlyList<QueueEntry> entries);

    /// <summary>Takes a waiting experiment off the list (it was cancelled). False when it was not waiting.</summary>
    Task<bool> RemoveAsync(Guid experimentId);

    Task<bool> SetPriorityAsync(Guid experimentId, int priority);

    /// <summary>See <see cref="Services.IQueueService.MoveAsync"/>; returns the priority given, or null when not waiting.</summary>
    Task<int?> MoveAsync(Guid experimentId, int position);

    Task<QueueView> GetQueueAsync();

    /// <summary>Every registered device (cheaper than the whole queue view).</summary>
    Task<IReadOnlyList<DeviceInfo>> GetDevicesAsync();

    /// <summary>Asked by a step job as it starts: the device, when <paramref name="ticket"/> is still the current one.</summary>
    Task<bool> ClaimAsync(JobTicket ticket);

    /// <summary>The ticket's step finished and another follows: dispatches the next step on the same device.</summary>
    Task AdvanceAsync(JobTicket ticket);

    /// <summary>The ticket's step failed and may be tried again: dispatches it again on the same device.</summary>
    Task RetryAsync(JobTicket ticket);

    /// <summary>The experiment is over (completed, failed or cancelled): its device takes the next waiting experiment.</summary>
    Task ReleaseAsync(JobTicket ticket);
}
