using Bunit;
using Csol.Abstractions;
using Csol.Abstractions.Services;
using Csol.Dashboard.Components.Pages;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Csol.Tests.Dashboard;

/// <summary>Seeds as one row on the leaderboard (runs one click away) and in compare.</summary>
[Trait("Category", "unit")]
public sealed class SeedViewsTests
{
    [Fact]
    public async Task The_leaderboard_shows_a_seed_group_as_one_row_with_mean_std_and_n_and_expands_to_its_runs()
    {
        await using var ctx = new BunitContext().AddMud();
        var key = new LeaderboardKey("abc123", LeaderboardKey.SingleSource);
        var board = new Leaderboard(key, "procedural", ["val_iou@0.5"], [],
            [Entry("quick", 0.50, "g"), Entry("other", 0.45, "h"), Entry("quick-seed2", 0.30, "g"), Entry("quick-seed3", 0.46, "g")]);
        ctx.Services.AddSingleton<ILeaderboardService>(new FakeLeaderboardService(board));
        var page = ctx.RenderPage<LeaderboardsPage>();

        page.Find("input[data-testid=group-seeds], [data-testid=group-seeds] input").Change(true);

        var rows = page.FindAll("[data-testid=seed-row]");
        Assert.Equal(2, rows.Count);
        // other 0.45 (n 1) ranks above quick's mean 0.42 (n 3, sample std 0.106).
        Assert.Equal(["other", "1", "0.450"], rows[0].QuerySelectorAll("td").Skip(2).Select(td => td.TextContent.Trim()));
        Assert.Equal(["quick", "3", "0.420 ± 0.106"], rows[1].QuerySelectorAll("td").Skip(2).Select(td => td.TextContent.Trim()));
        Assert.Empty(page.FindAll("[data-testid=seed-member]"));
        page.Find("[data-testid=seed-row-toggle]").Click();
        var members = page.FindAll("[data-testid=seed-member]");
        Assert.Equal(["quick", "quick-seed2", "quick-seed3"], members.Select(m => m.QuerySelector("a")!.TextContent.Trim()));
        Assert.Equal($"experiments/{board.Entries[2].ExperimentId}", members[1].QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Compare_aggregates_runs_whose_configs_differ_only_in_seed()
    {
        await using var ctx = new BunitContext().AddMud();
        var service = new FakeExperimentService();
        var runs = new[] { ("a", 1, 0.5), ("a-seed2", 2, 0.3), ("a-seed3", 3, 0.46) }.Select(r => FakeExperimentService.Snapshot(r.Item1, 1,
            metrics: new Dictionary<string, double> { ["val_iou@0.5"] = r.Item3 },
            config: $$"""{ "name": "{{r.Item1}}", "seed": {{r.Item2}}, "training": { "epochs": 2 } }""")).ToArray();
        service.Snapshots.AddRange(runs);
        ctx.Services.AddSingleton<IExperimentService>(service);
        ctx.Services.AddSingleton<ICheckpointService>(new NoCheckpoints());
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo($"compare?ids={string.Join(",", runs.Select(r => r.Id))}");

        var page = ctx.RenderPage<ComparePage>();

        var metric = page.Find("[data-testid=seed-group-metric]");
        Assert.Equal(["val_iou@0.5", "0.420 ± 0.106", "n 3"], metric.QuerySelectorAll("td").Select(td => td.TextContent.Trim()));
        Assert.Equal(3, page.Find("[data-testid=seed-group-runs]").QuerySelectorAll("a").Length);
    }

    private static LeaderboardEntry Entry(string name, double iou, string group) =>
        new(Guid.NewGuid(), name, Guid.NewGuid(), new Dictionary<string, double> { ["val_iou@0.5"] = iou }, new Dictionary<string, double>(),
            DateTimeOffset.UnixEpoch, null)
        {
            SeedGroup = group,
        };
}

/// <summary>A checkpoint service with no checkpoints, for pages that only may look one up.</summary>
internal sealed class NoCheckpoints : ICheckpointService
{
    public Task<IReadOnlyList<CheckpointInfo>> ListAsync(Guid? experimentId = null, bool includeDeleted = false) =>
        Task.FromResult<IReadOnlyList<CheckpointInfo>>([]);

    public Task<CheckpointInfo?> GetAsync(Guid checkpointId) => Task.FromResult<CheckpointInfo?>(null);

    public Task<CheckpointInfo> TagAsync(Guid checkpointId, string tag) => throw new NotSupportedException();
}
