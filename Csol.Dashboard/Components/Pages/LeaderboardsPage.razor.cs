using Csol.Abstractions;
using Csol.Abstractions.Services;
using Csol.Dashboard.Components.Compare;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace Csol.Dashboard.Components.Pages;

/// <summary>Each dataset's boards on a <see cref="Leaderboards.LeaderboardGrid"/> (best first, sortable by any metric or
/// class column; seeds of one config as one row, mean ± sample std and n, expanding to the runs); ticked checkpoints
/// compared; the board copied as a paper table.</summary>
public partial class LeaderboardsPage
{
    private IReadOnlyList<LeaderboardKey> _keys = [];
    private LeaderboardKey? _key;
    private Leaderboard? _board;
    private readonly CheckpointSelection _compare = new();
    private bool _aggregateSeeds;
    private bool _groupSeeds;
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
    }

    private void GroupSeeds(bool on) => _groupSeeds = on;

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
}
