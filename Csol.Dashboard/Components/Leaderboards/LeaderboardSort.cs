using Csol.Abstractions;

namespace Csol.Dashboard.Components.Leaderboards;

/// <summary>Orders leaderboard entries by any metric or class column; entries without the value go last.</summary>
public static class LeaderboardSort
{
    /// <summary>Sorts by <paramref name="column"/> (a metric column, or <c>class:NAME</c> for a class column).</summary>
    public static IReadOnlyList<LeaderboardEntry> Apply(IReadOnlyList<LeaderboardEntry> entries, string? column, bool descending)
    {
        if (column is null)
            return entries;
        double? Value(LeaderboardEntry e) => column.StartsWith(ClassPrefix, StringComparison.Ordinal)
            ? e.PerClass.TryGetValue(column[ClassPrefix.Length..], out var c) ? c : null
            : e.Metrics.TryGetValue(column, out var m) ? m : null;
        var present = entries.Where(e => Value(e) is { } v && double.IsFinite(v));
        var ordered = descending ? present.OrderByDescending(e => Value(e)) : present.OrderBy(e => Value(e));
        return ordered.Concat(entries.Where(e => Value(e) is not { } v || !double.IsFinite(v))).ToArray();
    }

    public const string ClassPrefix = "class:";

    /// <summary>Column titles: <c>val_ciou@0.3</c> reads <c>CIoU@0.3</c>, <c>val_auc</c> <c>AUC</c>.</summary>
    public static string Title(string metric)
    {
        var name = metric.StartsWith("val_", StringComparison.Ordinal) ? metric[4..] : metric;
        return name switch
        {
            "auc" => "AUC",
            "nsa" => "NSA",
            _ when name.StartsWith("ciou", StringComparison.Ordinal) => "CIoU" + name[4..],
            _ when name.StartsWith("iou", StringComparison.Ordinal) => "IoU" + name[3..],
            _ => name,
        };
    }
}
