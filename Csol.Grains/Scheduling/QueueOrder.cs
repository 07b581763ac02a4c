namespace Csol.Grains.Scheduling;

/// <summary>The waiting order (higher priority first, then lower rank) and moves within it.</summary>
public static class QueueOrder
{
    public static IReadOnlyList<WaitingEntry> Sort(IEnumerable<WaitingEntry> waiting) =>
        waiting.OrderByDescending(w => w.Entry.Priority).ThenBy(w => w.Rank).ToList();

    /// <summary>The entry with the priority (and, among equal priorities, the rank) that puts it at
    /// <paramref name="position"/> of <paramref name="others"/> (the waiting list without it, in order).</summary>
    public static WaitingEntry MoveTo(WaitingEntry entry, IReadOnlyList<WaitingEntry> others, int position)
    {
        if (others.Count == 0)
            return entry;
        position = Math.Clamp(position, 0, others.Count);
        var before = position > 0 ? others[position - 1] : null;
        var after = position < others.Count ? others[position] : null;
        // Keep the entry's own priority when it already lies between its neighbours; otherwise take a neighbour's.
        var priority = entry.Entry.Priority;
        if (before is not null && priority > before.Entry.Priority)
            priority = before.Entry.Priority;
        if (after is not null && priority < after.Entry.Priority)
            priority = after.Entry.Priority;
        double rank;
        if (before is not null && after is not null && before.Entry.Priority == priority && after.Entry.Priority == priority)
            rank = (before.Rank + after.Rank) / 2;
        else if (before is not null && before.Entry.Priority == priority)
            rank = before.Rank + 1;
        else if (after is not null && after.Entry.Priority == priority)
            rank = after.Rank - 1;
        else
            rank = entry.Rank;
        return new WaitingEntry(entry.Entry with { Priority = priority }, rank);
    }
}
