using Csol.Abstractions;
using Csol.Dashboard.Components.Compare;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Csol.Dashboard.Components.Leaderboards;

/// <summary>A leaderboard as a grid. The board is one grain read, so its rows are sorted and cut here (through the
/// grid's <c>ServerData</c>, which hands over the header's sort): numerically, rows without the value last either way,
/// ranks following the order shown.</summary>
public sealed partial class LeaderboardGrid
{
    private const int PageSize = 50;

    private MudDataGrid<BoardRow>? _grid;
    // Template columns sort under a generated name: the grid's sort definition is matched to its board column here.
    private readonly Dictionary<string, TemplateColumn<BoardRow>> _sortColumns = new(StringComparer.Ordinal);

    /// <summary>The board shown: its metric columns (the first ranks it), class columns and entries.</summary>
    [Parameter, EditorRequired] public Leaderboard Board { get; set; } = null!;

    /// <summary>Seeds as one row: entries whose configs differ only in seed (<see cref="LeaderboardEntry.SeedGroup"/>) as
    /// one row with mean ± sample std and n, expanding to its runs. Off: one row per entry, with its checkpoint and a tick.</summary>
    [Parameter] public bool GroupSeeds { get; set; }

    /// <summary>The checkpoints ticked for comparison; the tick column appears when it is set and seeds are not grouped.</summary>
    [Parameter] public CheckpointSelection? Selection { get; set; }

    /// <summary>Raised after a tick or untick, so the page can enable its compare button.</summary>
    [Parameter] public EventCallback SelectionChanged { get; set; }

    /// <summary>The rows in the board's own order, for the prerendered page (its grid does not sort).</summary>
    private IReadOnlyList<BoardRow> InitialRows => LeaderboardSort.Rows(Board, GroupSeeds, null, descending: true);

    private Task<GridData<BoardRow>> LoadAsync(GridState<BoardRow> state, CancellationToken cancellationToken)
    {
        var sort = state.SortDefinitions.FirstOrDefault();
        var column = sort is null ? null : _sortColumns.FirstOrDefault(c => c.Value.PropertyName == sort.SortBy).Key;
        var rows = LeaderboardSort.Rows(Board, GroupSeeds, column, sort?.Descending ?? true);
        var page = rows.Skip(state.Page * state.PageSize).Take(state.PageSize).ToArray();
        return Task.FromResult(new GridData<BoardRow> { Items = page, TotalItems = rows.Count });
    }

    /// <summary>The live grid opens sorted on the ranking metric, best first, and says so in its header; the prerendered
    /// one shows that order without a sort (it would sort by itself).</summary>
    private SortDirection InitialDirection(string column) =>
        RendererInfo.IsInteractive && column == Board.MetricColumns[0] ? SortDirection.Descending : SortDirection.None;

    private async Task TickAsync(Guid checkpoint)
    {
        Selection?.Toggle(checkpoint);
        await SelectionChanged.InvokeAsync();
    }

    /// <summary>A metric column as the paper names it; a class column is its class.</summary>
    private string Heading(string column) => Board.ClassColumns.Contains(column) ? column : LeaderboardSort.Title(column);

    /// <summary>Header test ids as the page always had them: <c>sort-val_auc</c>, <c>sort-class:NAME</c>.</summary>
    private string TestId(string column) => Board.ClassColumns.Contains(column) ? ClassPrefix + column : column;

    private const string ClassPrefix = "class:";
}
