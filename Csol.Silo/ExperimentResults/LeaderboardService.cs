using System.Collections.Concurrent;
using Csol.Abstractions;
using Csol.Abstractions.Services;
using Csol.Learning.Experiments;
using Csol.Silo.ExperimentResults.Export;

namespace Csol.Silo.ExperimentResults;

public sealed class LeaderboardService(IGrainFactory grains, ILeaderboardEntryStore store) : ILeaderboardService
{
    // A queued config never changes, so an experiment's seed group is computed once per host.
    private readonly ConcurrentDictionary<Guid, string?> seedGroups = new();

    public Task<IReadOnlyList<LeaderboardKey>> ListAsync() => store.ListKeysAsync();

    public async Task<Leaderboard?> GetAsync(LeaderboardKey key)
    {
        if (key.Task is not (LeaderboardKey.SingleSource or LeaderboardKey.MultiSource or LeaderboardKey.Detection) || key.DatasetId.Length == 0
            || key.DatasetId.Contains('/'))
            return null;
        return await grains.GetGrain<ILeaderboardGrain>(key.ToString()).GetAsync();
    }

    public async Task<string?> ExportAsync(LeaderboardKey key, string format, bool aggregateSeeds)
    {
        if (!ResultTableFormats.All.Contains(format))
            throw new ArgumentException($"format: expected one of {string.Join(", ", ResultTableFormats.All)}, got '{format}'", nameof(format));
        if (await GetAsync(key) is not { } board)
            return null;
        if (!aggregateSeeds)
            return ResultTableFormats.Render(ResultTable.FromLeaderboard(board), format);
        foreach (var entry in board.Entries)
            if (!seedGroups.ContainsKey(entry.ExperimentId))
                seedGroups[entry.ExperimentId] = await SeedGroupAsync(entry.ExperimentId);
        return ResultTableFormats.Render(ResultTable.FromLeaderboard(board, e => seedGroups.GetValueOrDefault(e.ExperimentId)), format);
    }

    private async Task<string?> SeedGroupAsync(Guid experimentId)
    {
        var snapshot = await grains.GetGrain<IExperimentGrain>(experimentId).GetAsync();
        try
        {
            return SeedFingerprint.Of(ExperimentConfigLoader.Parse(snapshot.ConfigJson, $"experiment {experimentId}"));
        }
        catch (ExperimentConfigException)
        {
            return null; // An unreadable old config stands alone rather than failing the export.
        }
    }
}
