using Csol.Abstractions;
using Csol.Abstractions.Services;
using Csol.Dashboard.Components.Experiments;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Csol.Dashboard.Components.Pages;

/// <summary>The experiments table: every page, order and filter is asked of <see cref="IExperimentQueries"/>, so the
/// page costs the same with ten experiments or ten thousand.</summary>
public sealed partial class ExperimentList
{
    private const int PageSize = 50;
    private static readonly ExperimentStatus[] Statuses =
        Enum.GetValues<ExperimentStatus>().Where(s => s != ExperimentStatus.None).ToArray();

    private MudDataGrid<ExperimentSummary>? _grid;
    // Template columns sort under a generated name: the grid's sort definition is matched to its column here.
    private readonly Dictionary<ExperimentSortKey, TemplateColumn<ExperimentSummary>> _sortColumns = [];
    private ExperimentListQuery _query = new() { GroupsFirst = true, Take = PageSize };
    private ExperimentPage? _page;
    private readonly HashSet<Guid> _selected = [];
    private Timer? _refresh;
    private IReadOnlyDictionary<Guid, string> _progress = new Dictionary<Guid, string>();
    private StorageUsage? _usage;

    [Inject] private IExperimentQueries Queries { get; set; } = null!;
    [Inject] private IExperimentService Experiments { get; set; } = null!;
    [Inject] private NavigationManager Navigation { get; set; } = null!;
    [Inject] private OptionalService<IStorageService> Storage { get; set; } = null!;

    protected override async Task OnInitializedAsync()
    {
        if (!RendererInfo.IsInteractive)
        {
            // The prerendered page shows the first page at once; the live grid asks again through ServerData.
            _page = await Queries.QueryAsync(_query);
            await LoadExtrasAsync(_page.Rows);
            return;
        }
        // The list changes only on status changes; a slow poll keeps it current without a watch per row.
        _refresh = new Timer(_ => InvokeAsync(RefreshAsync), null, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3));
    }

    /// <summary>The grid's ServerData: its page and sort, this page's search, status and grouping.</summary>
    private async Task<GridData<ExperimentSummary>> LoadPageAsync(GridState<ExperimentSummary> state, CancellationToken cancellationToken)
    {
        var sort = state.SortDefinitions.FirstOrDefault();
        _query = _query with
        {
            SortBy = SortKey(sort?.SortBy),
            Descending = sort?.Descending ?? true,
            Skip = state.Page * state.PageSize,
            Take = state.PageSize,
        };
        _page = await Queries.QueryAsync(_query, cancellationToken);
        await LoadExtrasAsync(_page.Rows);
        StateHasChanged(); // the counts and disk use above the grid
        return new GridData<ExperimentSummary> { Items = _page.Rows, TotalItems = _page.Total };
    }

    /// <summary>Progress of the page's running experiments (the table holds none: it is written on status changes) and
    /// disk use (cached by the service: one walk of runs/ serves every poll for 30 s).</summary>
    private async Task LoadExtrasAsync(IReadOnlyList<ExperimentSummary> rows)
    {
        var progress = new Dictionary<Guid, string>();
        foreach (var row in rows.Where(r => r.Status == ExperimentStatus.Running))
            if (await Experiments.GetAsync(row.Id) is { TotalSteps: > 0 } s)
                progress[row.Id] = ExperimentRows.StepText(s);
        _progress = progress;
        if (Storage.Value is { } storage)
            _usage = await storage.GetUsageAsync();
    }

    private ExperimentSortKey SortKey(string? column) =>
        _sortColumns.FirstOrDefault(c => c.Value.PropertyName == column) is { Value: not null } match ? match.Key : ExperimentSortKey.Created;

    private async Task RefreshAsync()
    {
        if (_grid is not null)
            await _grid.ReloadServerData();
    }

    private Task ChangeAsync(ExperimentListQuery query)
    {
        _query = query;
        return _grid?.ReloadServerData() ?? Task.CompletedTask;
    }

    private Task SearchChangedAsync(string? search) => ChangeAsync(_query with { Search = search ?? "" });

    private Task StatusChangedAsync(ExperimentStatus? status) => ChangeAsync(_query with { Status = status });

    private Task GroupedChangedAsync(bool grouped) => ChangeAsync(_query with { GroupsFirst = grouped });

    private void Toggle(Guid id)
    {
        if (!_selected.Remove(id) && _selected.Count < 4)
            _selected.Add(id);
    }

    private void Compare() => Navigation.NavigateTo($"compare?ids={string.Join(',', _selected)}");

    public void Dispose() => _refresh?.Dispose();
}
