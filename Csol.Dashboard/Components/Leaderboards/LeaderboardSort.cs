using Csol.Abstractions;

namespace Csol.Dashboard.Components.Leaderboards;

/// <summary>A board as grid rows, ordered by any metric or class column, numerically; rows without the value go last
/// whichever the direction.</summary>
public static class LeaderboardSort
{
    /// <summary>The rows of <paramref name="board"/> (seed groups when <paramref name="groupSeeds"/>), ranked 1… in the
    /// order asked. <paramref name="column"/> is a metric column or a class name; null keeps the board's order (its
    /// ranking metric, best first).</summary>
    public static IReadOnlyList<BoardRow> Rows(Leaderboard board, bool groupSeeds, string? column, bool descending)
    {
        var entries = board.Entries.GroupBy(e => e.ExperimentId).ToDictionary(g => g.Key, g => g.First());
        var table = ResultTable.FromLeaderboard(board, groupSeeds ? e => e.SeedGroup : null);
        var rows = table.Rows.Select(r =>
        {
            var members = r.ExperimentIds.Select(id => entries[id]).ToArray();
            var key = groupSeeds ? members[0].SeedGroup ?? members[0].ExperimentId.ToString() : members[0].ExperimentId.ToString();
            return new BoardRow(0, key, r.Label, members, r.Cells);
        }).ToArray();
        return Order(rows, column, descending).Select((r, i) => r with { Rank = i + 1 }).ToArray();
    }

    private static IEnumerable<BoardRow> Order(IReadOnlyList<BoardRow> rows, string? column, bool descending)
    {
        if (column is null)
            return rows;
        var present = rows.Where(r => r.Value(column) is not null);
        var ordered = descending ? present.OrderByDescending(r => r.Value(column)) : present.OrderBy(r => r.Value(column));
        return ordered.Concat(rows.Where(r => r.Value(column) is null));
    }

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
