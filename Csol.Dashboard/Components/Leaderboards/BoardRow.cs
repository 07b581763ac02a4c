using System.Globalization;
using Csol.Abstractions;

namespace Csol.Dashboard.Components.Leaderboards;

/// <summary>One row of a leaderboard grid: one entry, or the entries of one seed group with each column's mean ± std.</summary>
/// <param name="Rank">The row's place in the order shown (1 = top), across pages.</param>
/// <param name="Key">What identifies the row across sorts (its seed group, or its experiment): an expanded row stays open.</param>
/// <param name="Members">The row's runs, in the board's order; one when seeds are not grouped.</param>
/// <param name="Cells">Board column (metric, or class name) → value over the members; a column no member reported is missing.</param>
public sealed record BoardRow(int Rank, string Key, string Label, IReadOnlyList<LeaderboardEntry> Members,
    IReadOnlyDictionary<string, SeedStatistic> Cells)
{
    public LeaderboardEntry First => Members[0];

    public int Runs => Members.Count;

    /// <summary>The column's value (a group's mean) to sort by; null when missing or not finite.</summary>
    public double? Value(string column) => Cells.TryGetValue(column, out var s) && double.IsFinite(s.Mean) ? s.Mean : null;

    /// <summary>A seed group as "0.420 ± 0.106" (a group of one as "0.450"), a single entry as the board always printed it.</summary>
    public string Text(string column, bool grouped) => !Cells.TryGetValue(column, out var s) ? "–"
        : grouped ? s.Text() : s.Mean.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>One member's own value of a column, as the runs under an expanded group show it.</summary>
    public static string MemberText(LeaderboardEntry entry, string column) =>
        entry.Metrics.TryGetValue(column, out var v) || entry.PerClass.TryGetValue(column, out v)
            ? v.ToString("0.###", CultureInfo.InvariantCulture)
            : "–";

    // The grid keeps expanded rows by equality; rows are rebuilt on every sort, so equality is the key's.
    public bool Equals(BoardRow? other) => other is not null && Key == other.Key;

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Key);
}
