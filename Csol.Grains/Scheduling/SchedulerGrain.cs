using Csol.Abstractions;
using Csol.Grains.Experiments;
using Microsoft.Extensions.Logging;

namespace Csol.Grains.Scheduling;

/// <summary>Hands waiting experiments to free devices, one experiment per device, highest priority first.</summary>
/// <remarks>State is written before a job is dispatched: a crash in between leaves an assignment whose job never
/// existed, and the host's registration at its next start dispatches every assignment of that host again with a new
/// ticket, so nothing is lost and the stale jobs (if any) do nothing.</remarks>
public sealed class SchedulerGrain(
    [PersistentState(StorageNames.SchedulerState, StorageNames.Platform)] IPersistentState<SchedulerState> state,
    IJobDispatcher dispatcher,
    ILogger<SchedulerGrain> logger) : Grain, ISchedulerGrain
{
    private SchedulerState S => state.State;

    /// <summary>In a cluster the scheduler's silo can die on its own, between recording an assignment and creating its
    /// job, which would leave a device waiting for a job that never comes. So an activation dispatches every current
    /// ticket again. That is harmless: a device's one worker runs its jobs in turn, and by the time a duplicate starts
    /// the step it carries has moved on (new token) unless it never ran, in which case the duplicate runs it.</summary>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var assignment in S.Running)
            await DispatchAsync(assignment.Ticket);
    }

    async Task ISchedulerGrain.RegisterHostAsync(string host, IReadOnlyList<DeviceInfo> devices)
    {
        var keys = devices.Select(d => d.Key).ToHashSet();
        var requeued = new List<WaitingEntry>();
        var redispatch = new List<JobTicket>();
        var running = new List<Assignment>();
        foreach (var a in S.Running)
        {
            if (a.Ticket.Device.Host != host)
                running.Add(a);
            else if (keys.Contains(a.Ticket.Device.Key))
            {
                var ticket = a.Ticket with { Token = Guid.NewGuid() };
                running.Add(a with { Ticket = ticket });
                redispatch.Add(ticket);
            }
            else // its device is gone: it waits again, ahead of everything else of its priority
                requeued.Add(Requeued(a, requeued.Count));
        }
        state.State = S with
        {
            Devices = [.. S.Devices.Where(d => d.Host != host), .. devices],
            Running = running,
            Waiting = [.. S.Waiting, .. requeued],
        };
        await state.WriteStateAsync();
        foreach (var ticket in redispatch)
        {
            logger.LogInformation("Host {Host} restarted: experiment {Id} step {Step} dispatched again to {Device}", host, ticket.ExperimentId,
                ticket.Step, ticket.Device.Key);
            await DispatchAsync(ticket);
        }
        await DispatchWaitingAsync();
    }

    async Task ISchedulerGrain.BindSiloAsync(string host, string silo)
    {
        if (S.Silos.GetValueOrDefault(host) == silo)
            return;
        state.State = S with { Silos = new Dictionary<string, string>(S.Silos) { [host] = silo } };
        await state.WriteStateAsync();
    }

    async Task ISchedulerGrain.HostLostAsync(string host, string silo)
    {
        if (S.Silos.GetValueOrDefault(host) != silo)
            return; // a newer process of the host registered since, or the host never ran in cluster mode
        var lost = S.Running.Where(a => a.Ticket.Device.Host == host).ToList();
        var requeued = lost.Select((a, i) => Requeued(a, i)).ToList();
        var silos = new Dictionary<string, string>(S.Silos);
        silos.Remove(host);
        state.State = S with
        {
            Devices = S.Devices.Where(d => d.Host != host).ToList(),
            Running = S.Running.Except(lost).ToList(),
            Waiting = [.. S.Waiting, .. requeued],
            Silos = silos,
        };
        foreach (var a in lost)
            logger.LogWarning("Host {Host} left the cluster: experiment {Id} step {Step} waits for another device", host, a.Ticket.ExperimentId,
                a.Ticket.Step);
        await DispatchWaitingAsync(alwaysWrite: true);
    }

    Task<IReadOnlyList<JobTicket>> ISchedulerGrain.GetTicketsAsync(string host) =>
        Task.FromResult<IReadOnlyList<JobTicket>>(S.Running.Where(a => a.Ticket.Device.Host == host).Select(a => a.Ticket).ToList());

    async Task<bool> ISchedulerGrain.DispatchAgainAsync(JobTicket ticket)
    {
        if (Current(ticket) is null)
            return false;
        // The same ticket: should the first job turn up after all, the device's one worker runs the two in turn and
        // the later one finds the step moved on.
        await DispatchAsync(ticket);
        return true;
    }

    /// <summary>A running experiment whose device went away, waiting again ahead of everything of its priority.</summary>
    private WaitingEntry Requeued(Assignment a, int index) => new(a.Entry, -S.NextRank - index, a.Ticket.Step);

    async Task ISchedulerGrain.EnqueueAsync(IReadOnlyList<QueueEntry> entries)
    {
        var known = S.Waiting.Select(w => w.Entry.ExperimentId).Concat(S.Running.Select(a => a.Ticket.ExperimentId)).ToHashSet();
        var added = entries.Where(e => known.Add(e.ExperimentId)).Select((e, i) => new WaitingEntry(e, S.NextRank + i)).ToList();
        if (added.Count == 0)
            return;
        state.State = S with { Waiting = [.. S.Waiting, .. added], NextRank = S.NextRank + added.Count };
        await DispatchWaitingAsync(alwaysWrite: true); // one state write for the new entries and the devices they get
    }

    async Task<bool> ISchedulerGrain.RemoveAsync(Guid experimentId)
    {
        if (!S.Waiting.Any(w => w.Entry.ExperimentId == experimentId))
            return false;
        state.State = S with { Waiting = S.Waiting.Where(w => w.Entry.ExperimentId != experimentId).ToList() };
        await state.WriteStateAsync();
        return true;
    }

    async Task<bool> ISchedulerGrain.SetPriorityAsync(Guid experimentId, int priority)
    {
        if (S.Waiting.FirstOrDefault(w => w.Entry.ExperimentId == experimentId) is not { } entry)
            return false;
        await ReplaceAsync(entry, entry with { Entry = entry.Entry with { Priority = priority } });
        return true;
    }

    async Task<int?> ISchedulerGrain.MoveAsync(Guid experimentId, int position)
    {
        if (S.Waiting.FirstOrDefault(w => w.Entry.ExperimentId == experimentId) is not { } entry)
            return null;
        var moved = QueueOrder.MoveTo(entry, QueueOrder.Sort(S.Waiting.Where(w => w != entry)), position);
        await ReplaceAsync(entry, moved);
        return moved.Entry.Priority;
    }

    async Task<QueueView> ISchedulerGrain.GetQueueAsync()
    {
        var devices = new List<DeviceStatus>();
        foreach (var device in S.Devices)
        {
            var assignment = S.Running.FirstOrDefault(a => a.Ticket.Device.Key == device.Key);
            var snapshot = assignment is null ? null : await GrainFactory.GetGrain<IExperimentGrain>(assignment.Ticket.ExperimentId).GetAsync();
            devices.Add(
                new DeviceStatus(device, assignment?.Ticket.ExperimentId, assignment?.Entry.Name, snapshot?.LastStep ?? 0,
                    snapshot?.TotalSteps ?? 0));
        }
        return new QueueView(devices, QueueOrder.Sort(S.Waiting).Select(w => w.Entry).ToList());
    }

    Task<IReadOnlyList<DeviceInfo>> ISchedulerGrain.GetDevicesAsync() => Task.FromResult<IReadOnlyList<DeviceInfo>>(S.Devices.ToList());

    Task<bool> ISchedulerGrain.ClaimAsync(JobTicket ticket) => Task.FromResult(Current(ticket) is not null);

    async Task ISchedulerGrain.AdvanceAsync(JobTicket ticket) => await RedispatchAsync(ticket, ticket.Step + 1);

    async Task ISchedulerGrain.RetryAsync(JobTicket ticket) => await RedispatchAsync(ticket, ticket.Step);

    async Task ISchedulerGrain.ReleaseAsync(JobTicket ticket)
    {
        if (Current(ticket) is not { } assignment)
            return;
        state.State = S with { Running = S.Running.Where(a => a != assignment).ToList() };
        await DispatchWaitingAsync(alwaysWrite: true);
    }

    private Assignment? Current(JobTicket ticket) =>
        S.Running.FirstOrDefault(a => a.Ticket.ExperimentId == ticket.ExperimentId && a.Ticket.Token == ticket.Token);

    private async Task RedispatchAsync(JobTicket ticket, int step)
    {
        if (Current(ticket) is not { } assignment)
            return;
        var next = ticket with { Step = step, Token = Guid.NewGuid() };
        state.State = S with { Running = S.Running.Select(a => a == assignment ? a with { Ticket = next } : a).ToList() };
        await state.WriteStateAsync();
        await DispatchAsync(next);
    }

    private async Task ReplaceAsync(WaitingEntry old, WaitingEntry replacement)
    {
        state.State = S with { Waiting = S.Waiting.Select(w => w == old ? replacement : w).ToList() };
        await state.WriteStateAsync();
    }

    /// <summary>Gives every free device the first waiting experiment it can run; one state write for all of them.</summary>
    private async Task DispatchWaitingAsync(bool alwaysWrite = false)
    {
        var busy = S.Running.Select(a => a.Ticket.Device.Key).ToHashSet();
        var free = S.Devices.Where(d => !busy.Contains(d.Key)).ToList();
        var tickets = new List<JobTicket>();
        if (free.Count > 0 && S.Waiting.Count > 0)
        {
            var waiting = QueueOrder.Sort(S.Waiting).ToList();
            var running = S.Running.ToList();
            foreach (var device in free)
            {
                var next = waiting.FirstOrDefault(w => DeviceMatching.Fits(w.Entry.DeviceRequest, device));
                if (next is null)
                    continue;
                waiting.Remove(next);
                var ticket = new JobTicket(next.Entry.ExperimentId, next.Step, Guid.NewGuid(), device);
                running.Add(new Assignment(ticket, next.Entry));
                tickets.Add(ticket);
            }
            state.State = S with { Waiting = waiting, Running = running };
        }
        if (tickets.Count > 0 || alwaysWrite)
            await state.WriteStateAsync();
        foreach (var ticket in tickets)
            await DispatchAsync(ticket);
    }

    private async Task DispatchAsync(JobTicket ticket)
    {
        try
        {
            await dispatcher.DispatchAsync(ticket);
        }
        catch (Exception e)
        {
            // The assignment stays; the host's next registration dispatches it again.
            logger.LogError(e, "Could not dispatch experiment {Id} to {Device}", ticket.ExperimentId, ticket.Device.Key);
        }
    }
}
