using Csol.Abstractions;

namespace Csol.Grains.Scheduling;

/// <summary>Persisted state of the <see cref="SchedulerGrain"/>.</summary>
[GenerateSerializer]
public sealed record SchedulerState
{
    /// <summary>Every registered device, of every host.</summary>
    [Id(0)] public List<DeviceInfo> Devices { get; init; } = [];

    /// <summary>Experiments waiting for a device, in no particular order (see <see cref="WaitingEntry.Rank"/>).</summary>
    [Id(1)] public List<WaitingEntry> Waiting { get; init; } = [];

    /// <summary>What runs where, with the ticket of its current step.</summary>
    [Id(2)] public List<Assignment> Running { get; init; } = [];

    /// <summary>Rank of the next queued experiment: ranks order equal priorities by queue time.</summary>
    [Id(3)] public long NextRank { get; init; }
}

/// <summary>A waiting experiment. Order: higher priority first, then lower rank (queue order; a move may set it between two).</summary>
[GenerateSerializer]
public sealed record WaitingEntry([property: Id(0)] QueueEntry Entry, [property: Id(1)] double Rank);

/// <summary>An experiment holding a device, the ticket its current step job carries, and how it was queued (so it can
/// wait again, as it was, if its device disappears).</summary>
[GenerateSerializer]
public sealed record Assignment([property: Id(0)] JobTicket Ticket, [property: Id(1)] QueueEntry Entry);
