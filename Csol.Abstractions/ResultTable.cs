using System.Text.RegularExpressions;
using Csol.Abstractions;

namespace Csol.Abstractions;

/// <summary>One row of a result table: an experiment, or the seeds of one configuration.</summary>
/// <param name="Runs">How many experiments the row stands for (its seeds).</param>
/// <param name="Cells">Column → value over the row's runs; a column a run did not report is missing.</param>
public sealed record ResultRow(string Label, IReadOnlyList<Guid> ExperimentIds, IReadOnlyDictionary<string, SeedStatistic> Cells)
{
    public int Runs => ExperimentIds.Count;
}

/// <summary>A leaderboard or a comparison as a table to paste into a paper: metric columns, then per-class columns,
/// rows best first by the first column. Every column is "higher is better", as every metric here is.</summary>
/// <param name="Aggregated">Rows are seed groups (mean ± std and n) rather than single runs.</param>
public sealed partial record ResultTable(IReadOnlyList<string> Columns, IReadOnlyList<ResultRow> Rows, bool Aggregated)
{
    /// <summary>The split the figures come from (a leaderboard's: <see cref="LeaderboardKey.FiguresSplit"/>), printed in
    /// the first heading; null when the rows mix splits or the table says so itself (a comparison of runs).</summary>
    public string? Split { get; init; }

    /// <summary>The first column's heading: <c>experiment</c>, or <c>experiment (test split)</c> for a leaderboard.</summary>
    public string RowHeading => Split is null ? "experiment" : $"experiment ({Split} split)";

    /// <summary>A leaderboard's entries as rows; with <paramref name="seedGroupOf"/>, the entries of one seed group
    /// (the host's <c>SeedFingerprint</c>) become one row.</summary>
    /// <remarks>Grouping by the entries' own <see cref="LeaderboardEntry.SeedGroup"/>: <c>FromLeaderboard(board, e => e.SeedGroup)</c>.</remarks>
    public static ResultTable FromLeaderboard(Leaderboard board, Func<LeaderboardEntry, string?>? seedGroupOf = null)
    {
        var columns = board.MetricColumns.Concat(board.ClassColumns).ToArray();
        var groups = seedGroupOf is null
            ? board.Entries.Select(e => new[] { e })
            : board.Entries.GroupBy(e => seedGroupOf(e) ?? e.ExperimentId.ToString()).Select(g => g.ToArray());
        var rows = groups.Select(members => Row(members, columns)).ToList();
        if (columns.Length > 0)
            rows = rows.OrderByDescending(r => r.Cells.TryGetValue(columns[0], out var s) ? s.Mean : double.NegativeInfinity).ToList();
        return new ResultTable(columns, rows, seedGroupOf is not null) { Split = LeaderboardKey.FiguresSplit };
    }

    /// <summary>The best mean of a column over the rows, or null when no row has it.</summary>
    public double? Best(string column)
    {
        var values = Rows.Where(r => r.Cells.ContainsKey(column)).Select(r => r.Cells[column].Mean).ToArray();
        return values.Length == 0 ? null : values.Max();
    }

    /// <summary>The column's name as a paper prints it: <c>val_iou@0.5</c> → <c>IoU@0.5</c>, a per-class column → its class.</summary>
    public static string Heading(string column) => column switch
    {
        "val_iou@0.5" => "IoU@0.5",
        "val_auc" => "AUC",
        "val_ciou@0.3" => "CIoU@0.3",
        "val_ciou@0.5" => "CIoU@0.5",
        "val_nsa" => "NSA",
        "val_pointing" => "pointing",
        _ when column.StartsWith("val_ciou_", StringComparison.Ordinal) => column["val_ciou_".Length..],
        _ when column.StartsWith("val_", StringComparison.Ordinal) => column["val_".Length..],
        _ => column,
    };

    private static ResultRow Row(IReadOnlyList<LeaderboardEntry> members, IReadOnlyList<string> columns)
    {
        var cells = new Dictionary<string, SeedStatistic>();
        foreach (var column in columns)
        {
            var values = members.Select(m => Value(m, column)).OfType<double>().ToArray();
            if (values.Length > 0)
                cells[column] = SeedStatistic.Of(values);
        }
        return new ResultRow(Label(members), members.Select(m => m.ExperimentId).ToArray(), cells);
    }

    private static double? Value(LeaderboardEntry entry, string column) =>
        entry.Metrics.TryGetValue(column, out var v) || entry.PerClass.TryGetValue(column, out v) ? v : null;

    /// <summary>A seed group is named by what its members' names share: <c>lr-1</c>, <c>lr-2</c> → <c>lr</c>; <c>quick</c>,
    /// <c>quick-seed2</c> (<c>csol repeat</c>) → <c>quick</c>.</summary>
    private static string Label(IReadOnlyList<LeaderboardEntry> members)
    {
        var first = members[0].ExperimentName;
        if (members.All(m => m.ExperimentName == first))
            return first;
        var stems = members.Select(m => SweepSuffix().Replace(m.ExperimentName, "")).Distinct().ToArray();
        return stems.Length == 1 ? stems[0] : $"{first} (+{members.Count - 1})";
    }

    [GeneratedRegex(@"-(seed)?\d+$")]
    private static partial Regex SweepSuffix();
}
