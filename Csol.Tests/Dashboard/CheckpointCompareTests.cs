using Bunit;
using Csol.Dashboard.Components.Compare;
using Csol.Dashboard.Components.Pages;
using Csol.Abstractions;
using Csol.Abstractions.Services;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Csol.Tests.Dashboard;

/// <summary>Ticking checkpoints to compare (leaderboard, experiment page) and the compare page on checkpoint ids.</summary>
[Trait("Category", "unit")]
public sealed class CheckpointCompareTests
{
    [Fact]
    public void Selection_keeps_two_to_four_in_tick_order_and_refuses_a_fifth()
    {
        var ids = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToArray();
        var selection = new CheckpointSelection();

        Assert.True(selection.Toggle(ids[1]));
        Assert.False(selection.CanCompare);
        foreach (var id in ids[2..4].Append(ids[0]))
            Assert.True(selection.Toggle(id));
        Assert.False(selection.Toggle(ids[4]));
        Assert.False(selection.CanTick(ids[4]));
        Assert.True(selection.CanTick(ids[1]));
        Assert.Equal([ids[1], ids[2], ids[3], ids[0]], selection.Ids);
        Assert.True(selection.Toggle(ids[2]));
        Assert.Equal($"compare?checkpoints={ids[1]},{ids[3]},{ids[0]}", selection.Href);
        Assert.True(selection.CanCompare);
    }

    [Fact]
    public async Task Leaderboard_rows_are_ticked_into_a_compare_link_of_their_checkpoints()
    {
        await using var ctx = new BunitContext().AddMud();
        ctx.Services.AddSingleton<IExperimentService>(new FakeExperimentService());
        var key = new LeaderboardKey("abc123", LeaderboardKey.SingleSource);
        LeaderboardEntry Entry(string name, double iou) => new(Guid.NewGuid(), name, Guid.NewGuid(),
            new Dictionary<string, double> { ["val_iou@0.5"] = iou }, new Dictionary<string, double>(), DateTimeOffset.UnixEpoch, null);
        var board = new Leaderboard(key, "procedural", ["val_iou@0.5"], [], [Entry("a", 0.5), Entry("b", 0.4), Entry("c", 0.3)]);
        ctx.Services.AddSingleton<ILeaderboardService>(new FakeLeaderboardService(board));

        var page = ctx.RenderPage<LeaderboardsPage>();

        Assert.True(page.Find("[data-testid=compare-checkpoints]").HasAttribute("disabled"));
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("input[aria-label^='compare ']").Count));
        page.Find("input[aria-label='compare c']").Change(true);
        page.Find("input[aria-label='compare a']").Change(true);
        var button = page.Find("[data-testid=compare-checkpoints]");
        Assert.False(button.HasAttribute("disabled"));
        Assert.Equal($"compare?checkpoints={board.Entries[2].CheckpointId},{board.Entries[0].CheckpointId}", button.GetAttribute("href"));
    }

    [Fact]
    public async Task Compare_page_on_checkpoints_shows_their_metrics_and_their_runs_curves_and_config_diff()
    {
        await using var ctx = new BunitContext().AddMud();
        var experiments = new FakeExperimentService();
        var run = FakeExperimentService.Snapshot("run", 2, metrics: new Dictionary<string, double> { ["val_ciou@0.3"] = 0.9 },
            config: """{ "name": "run", "seed": 1 }""");
        var other = FakeExperimentService.Snapshot("other", 1, config: """{ "name": "other", "seed": 2 }""");
        experiments.Snapshots.AddRange([run, other]);
        experiments.Metrics[run.Id] = [new MetricPoint(1, 0, "val_ciou@0.3", 0.2, 0)];
        experiments.Metrics[other.Id] = [new MetricPoint(1, 0, "val_ciou@0.3", 0.3, 0)];
        CheckpointInfo Checkpoint(ExperimentSnapshot s, int epoch, double ciou, double circle) => new()
        {
            Id = Guid.NewGuid(), ExperimentId = s.Id, ExperimentName = s.Name, Stage = "stage-two", Epoch = epoch,
            Metrics = new Dictionary<string, double> { ["val_ciou@0.3"] = ciou, ["val_ciou_circle"] = circle },
        };
        var (early, late, third) = (Checkpoint(run, 1, 0.25, 0.1), Checkpoint(run, 2, 0.5, 0.4), Checkpoint(other, 3, 0.75, 0.2));
        ctx.Services.AddSingleton<IExperimentService>(experiments);
        ctx.Services.AddSingleton<ICheckpointService>(new FakeCheckpointService([early, late, third]));
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo($"compare?checkpoints={early.Id},{late.Id},{third.Id}");

        var page = ctx.RenderPage<ComparePage>();

        var metrics = page.Find("[data-testid=compare-metrics]");
        Assert.Contains("run · stage-two e1", metrics.TextContent);
        Assert.Contains("other · stage-two e3", metrics.TextContent);
        // The checkpoints' own values, not the run's final 0.9.
        Assert.Equal(["val_ciou@0.3", "0.25", "0.5", "0.75"],
            metrics.QuerySelectorAll("tbody tr")[0].QuerySelectorAll("td").Select(td => td.TextContent.Trim()));
        Assert.Equal(3, page.FindAll("[data-testid=class-bars] rect[data-class=circle]").Count);
        Assert.Equal(3, page.FindAll("[data-testid=compare-curves] polyline").Count);
        Assert.Contains(page.FindAll("[data-testid=config-diff] tbody tr"), tr => tr.GetAttribute("data-path") == "seed");
    }

    private sealed class FakeCheckpointService(IReadOnlyList<CheckpointInfo> checkpoints) : ICheckpointService
    {
        public Task<IReadOnlyList<CheckpointInfo>> ListAsync(Guid? experimentId = null, bool includeDeleted = false) =>
            Task.FromResult<IReadOnlyList<CheckpointInfo>>(checkpoints.Where(c => experimentId is null || c.ExperimentId == experimentId).ToArray());

        public Task<CheckpointInfo?> GetAsync(Guid checkpointId) => Task.FromResult(checkpoints.FirstOrDefault(c => c.Id == checkpointId));

        public Task<CheckpointInfo> TagAsync(Guid checkpointId, string tag) => throw new NotSupportedException();
    }
}
