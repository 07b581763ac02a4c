using System.Globalization;
using Csol.Abstractions;
using Csol.Abstractions.Services;
using Csol.Dashboard.Components.Compare;
using Csol.Dashboard.Components.Leaderboards;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace Csol.Dashboard.Components.Pages;

/// <summary>Each dataset's boards, best first, sortable by any column; seeds of one config as one row (mean ± sample std,
/// n) with the runs a click away; ticked checkpoints compared; the board copied as a paper table.</summary>
public partial class LeaderboardsPage
{
    private IReadOnlyList<LeaderboardKey> _keys = [];
    private LeaderboardKey? _key;
    private Leaderboard? _board;
    private string? _sortBy;
    private bool _descending = true;
    private readonly CheckpointSelection _compare = new();
    private bool _aggregateSeeds;
    private bool _groupSeeds;
    private readonly HashSet<string> _expanded = new(StringComparer.Ordinal);
    private string? _exported;
    private string? _exportStatus;

    [Inject] private ILeaderboardService Boards { get; set; } = null!;

    [Inject] private IJSRuntime JS { get; set; } = null!;

    protected override async Task OnInitializedAsync()
    {
        _keys = await Boards.ListAsync();
        if (_keys.Count > 0)
            await PickAsync(_keys[0]);
    }

    private async Task PickAsync(LeaderboardKey key)
    {
        _key = key;
        _board = await Boards.GetAsync(key);
        _sortBy = _board?.MetricColumns.FirstOrDefault();
        _descending = true;
        _expanded.Clear();
    }

    /// <summary>The board's seed groups (entries whose configs differ only in seed), sorted by the chosen column's mean.</summary>
    private IReadOnlyList<ResultRow> SeedRows
    {
        get
        {
            if (_board is null)
                return [];
            var rows = ResultTable.FromLeaderboard(_board, e => e.SeedGroup).Rows;
            var column = _sortBy?.StartsWith(LeaderboardSort.ClassPrefix, StringComparison.Ordinal) == true
                ? _sortBy[LeaderboardSort.ClassPrefix.Length..]
                : _sortBy;
            if (column is null)
                return rows;
            double Mean(ResultRow r) => r.Cells.TryGetValue(column, out var s) && double.IsFinite(s.Mean) ? s.Mean : double.NaN;
            var present = rows.Where(r => !double.IsNaN(Mean(r)));
            var ordered = _descending ? present.OrderByDescending(Mean) : present.OrderBy(Mean);
            return ordered.Concat(rows.Where(r => double.IsNaN(Mean(r)))).ToArray();
        }
    }

    private IEnumerable<LeaderboardEntry> Members(ResultRow row) =>
        row.ExperimentIds.Select(id => _board!.Entries.First(e => e.ExperimentId == id));

    private void GroupSeeds(bool on)
    {
        _groupSeeds = on;
        _expanded.Clear();
    }

    private void Toggle(string label)
    {
        if (!_expanded.Remove(label))
            _expanded.Add(label);
    }

    private async Task ExportAsync(string format)
    {
        if (_key is null)
            return;
        _exported = await Boards.ExportAsync(_key, format, _aggregateSeeds);
        if (_exported is null)
            return;
        try
        {
            await JS.InvokeVoidAsync("navigator.clipboard.writeText", _exported);
            _exportStatus = $"{format} copied to the clipboard.";
        }
        catch (JSException)
        {
            // A browser that refuses clipboard access still shows the text to select by hand.
            _exportStatus = $"{format} below: the browser did not allow copying, select it by hand.";
        }
    }

    private void Sort(string column)
    {
        _descending = _sortBy != column || !_descending;
        _sortBy = column;
    }

    private static string Cell(ResultRow row, string column) => row.Cells.TryGetValue(column, out var s) ? s.Text() : "–";

    private static string Value(IReadOnlyDictionary<string, double> values, string key) =>
        values.TryGetValue(key, out var v) ? v.ToString("0.###", CultureInfo.InvariantCulture) : "–";
}
