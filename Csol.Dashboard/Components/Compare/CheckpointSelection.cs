namespace Csol.Dashboard.Components.Compare;

/// <summary>The checkpoints ticked for comparison (on an experiment's checkpoints panel or a leaderboard): 2 to 4, in
/// the order they were ticked; a fifth is refused.</summary>
public sealed class CheckpointSelection
{
    public const int Max = 4;
    private readonly List<Guid> _ids = [];

    public IReadOnlyList<Guid> Ids => _ids;

    public bool Contains(Guid id) => _ids.Contains(id);

    /// <summary>Ticks or unticks; false when the tick was refused because four are already chosen.</summary>
    public bool Toggle(Guid id)
    {
        if (_ids.Remove(id))
            return true;
        if (_ids.Count >= Max)
            return false;
        _ids.Add(id);
        return true;
    }

    /// <summary>Whether another checkbox may still be ticked (a ticked one can always be unticked).</summary>
    public bool CanTick(Guid id) => Contains(id) || _ids.Count < Max;

    public bool CanCompare => _ids.Count >= 2;

    /// <summary>The compare page's address for the ticked checkpoints (relative, as the dashboard's links are).</summary>
    public string Href => $"compare?checkpoints={string.Join(',', _ids)}";
}
