using Csol.Abstractions;
using Csol.Grains.Experiments;

namespace Csol.Grains.Sweeps;

/// <summary>Persisted state of a <see cref="SweepStoppingGrain"/>: member → epoch → value.</summary>
[GenerateSerializer]
public sealed record SweepStoppingState
{
    [Id(0)] public Dictionary<Guid, Dictionary<int, double>> Curves { get; init; } = [];
}

/// <summary>One sweep's early stopping: keeps each member's watched metric per epoch and applies the median rule as
/// members report (<see cref="MedianStoppingRule"/>). Saved, so members that run after a restart still compare with
/// those that ran before it.</summary>
public sealed class SweepStoppingGrain(
    [PersistentState(StorageNames.SweepStoppingState, StorageNames.Platform)] IPersistentState<SweepStoppingState> state)
    : Grain, ISweepStoppingGrain
{
    public async Task<string?> ReportAsync(Guid member, int epoch, double value, SweepStoppingRule rule)
    {
        if (!state.State.Curves.TryGetValue(member, out var curve))
            state.State.Curves[member] = curve = [];
        if (!curve.TryGetValue(epoch, out var known) || known != value)
        {
            curve[epoch] = value;
            await state.WriteStateAsync();
        }
        var curves = state.State.Curves.ToDictionary(c => c.Key, c => (IReadOnlyDictionary<int, double>)c.Value);
        return MedianStoppingRule.Decide(rule, member, epoch, curves);
    }
}
