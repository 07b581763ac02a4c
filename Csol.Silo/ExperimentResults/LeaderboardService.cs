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

    /// <summary>The board with every entry's <see cref="LeaderboardEntry.SeedGroup"/>: entries filed before it was kept get
    /// it from their experiment's config, once per host.</summary>
    public async Task<Leaderboard?> GetAsync(LeaderboardKey key)
    {
        if (key.Task is not (LeaderboardKey.SingleSource or LeaderboardKey.MultiSource or LeaderboardKey.Detection) || key.DatasetId.Length == 0
            || key.DatasetId.Contains('/'))
            return null;
        if (await grains.GetGrain<ILeaderboardGrain>(key.ToString()).GetAsync() is not { } board)
            return null;
        if (board.Entries.All(e => e.SeedGroup is not null))
            return board;
        var entries = new List<LeaderboardEntry>(board.Entries.Count);
        foreach (var entry in board.Entries)
        {
            if (entry.SeedGroup is null && !seedGroups.ContainsKey(entry.ExperimentId))
                seedGroups[entry.ExperimentId] = await SeedGroupAsync(entry.ExperimentId);
            entries.Add(entry.SeedGroup is null ? entry with { SeedGroup = seedGroups[entry.ExperimentId] } : entry);
        }
        return board with { Entries = entries };
    }

    public async Task<string?> ExportAsync(LeaderboardKey key, string format, bool aggregateSeeds)
    {
        if (!ExportFormats.All.Contains(format))
            throw new ArgumentException($"format: expected one of {string.Join(", ", ExportFormats.All)}, got '{format}'", nameof(format));
        if (await GetAsync(key) is not { } board)
            return null;
        return ResultTableFormats.Render(ResultTable.FromLeaderboard(board, aggregateSeeds ? e => e.SeedGroup : null), format);
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
