using Csol.Grains.Abstractions;
using Csol.Grains.Services;

namespace Csol.Silo.ExperimentResults;

public sealed class LeaderboardService(IGrainFactory grains, ILeaderboardEntryStore store) : ILeaderboardService
{
    public Task<IReadOnlyList<LeaderboardKey>> ListAsync() => store.ListKeysAsync();

    public async Task<Leaderboard?> GetAsync(LeaderboardKey key)
    {
        if (key.Task is not (LeaderboardKey.SingleSource or LeaderboardKey.MultiSource or LeaderboardKey.Detection) || key.DatasetId.Length == 0 || key.DatasetId.Contains('/'))
            return null;
        return await grains.GetGrain<ILeaderboardGrain>(key.ToString()).GetAsync();
    }
}
