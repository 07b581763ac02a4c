using Csol.Abstractions;
using Csol.Grains.Experiments;

namespace Csol.Grains.Results;

/// <summary>One leaderboard. Entries live in their own rows (<see cref="ILeaderboardEntryStore"/>), loaded once per
/// activation and kept sorted in memory, so a submission writes one row and a query copies nothing it need not.</summary>
public sealed class LeaderboardGrain(
    [PersistentState(StorageNames.LeaderboardState, StorageNames.Platform)] IPersistentState<LeaderboardState> state,
    ILeaderboardEntryStore store) : Grain, ILeaderboardGrain
{
    private readonly Dictionary<Guid, LeaderboardEntry> _byExperiment = [];
    private readonly List<LeaderboardEntry> _ranked = [];
    private readonly SortedSet<string> _classes = new(StringComparer.Ordinal);
    private LeaderboardKey _key = null!;
    private Comparison<LeaderboardEntry> _order = null!;
    private Leaderboard? _view;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var id = this.GetPrimaryKeyString();
        var slash = id.LastIndexOf('/');
        _key = new LeaderboardKey(id[..slash], id[(slash + 1)..]);
        _order = LeaderboardTasks.Order(_key.Task);
        foreach (var entry in await store.LoadAsync(_key, cancellationToken))
        {
            Add(entry);
            _ranked.Add(entry);
        }
        _ranked.Sort(_order);
    }

    async Task<bool> ILeaderboardGrain.SubmitAsync(LeaderboardEntry entry, string datasetName)
    {
        if (_byExperiment.TryGetValue(entry.ExperimentId, out var earlier))
        {
            if (_order(entry, earlier) >= 0)
                return false; // the experiment's earlier entry is at least as good
            _ranked.Remove(earlier);
        }
        await store.UpsertAsync(_key, entry);
        Add(entry);
        var at = _ranked.BinarySearch(entry, Comparer<LeaderboardEntry>.Create(_order));
        _ranked.Insert(at < 0 ? ~at : at, entry);
        if (state.State.DatasetName != datasetName)
        {
            state.State = state.State with { DatasetName = datasetName };
            await state.WriteStateAsync();
        }
        _view = null;
        return true;
    }

    Task<Leaderboard?> ILeaderboardGrain.GetAsync(int top)
    {
        if (_ranked.Count == 0)
            return Task.FromResult<Leaderboard?>(null);
        _view ??= new Leaderboard(_key, state.State.DatasetName, LeaderboardTasks.Columns(_key.Task), _classes.ToArray(), _ranked.ToArray());
        return Task.FromResult<Leaderboard?>(top >= _view.Entries.Count ? _view
            : _view with { Entries = _view.Entries.Take(Math.Max(0, top)).ToArray() });
    }

    async Task<bool> ILeaderboardGrain.RemoveAsync(Guid experimentId)
    {
        if (!_byExperiment.Remove(experimentId, out var entry))
            return false;
        await store.DeleteAsync(_key, experimentId);
        _ranked.Remove(entry);
        // The class columns are those some remaining entry reports.
        _classes.Clear();
        foreach (var kept in _ranked)
            _classes.UnionWith(kept.PerClass.Keys);
        _view = null;
        return true;
    }

    private void Add(LeaderboardEntry entry)
    {
        _byExperiment[entry.ExperimentId] = entry;
        _classes.UnionWith(entry.PerClass.Keys);
    }
}
