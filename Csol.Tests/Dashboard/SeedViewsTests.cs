using Bunit;
using Csol.Abstractions;
using Csol.Abstractions.Services;
using Csol.Dashboard.Components.Pages;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Csol.Tests.Dashboard;

/// <summary>Seeds as one row in compare (the leaderboard's seed rows: <see cref="LeaderboardGridTests"/>).</summary>
[Trait("Category", "unit")]
public sealed class SeedViewsTests
{
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
}

/// <summary>A checkpoint service with no checkpoints, for pages that only may look one up.</summary>
internal sealed class NoCheckpoints : ICheckpointService
{
    public Task<IReadOnlyList<CheckpointInfo>> ListAsync(Guid? experimentId = null, bool includeDeleted = false) =>
        Task.FromResult<IReadOnlyList<CheckpointInfo>>([]);

    public Task<CheckpointInfo?> GetAsync(Guid checkpointId) => Task.FromResult<CheckpointInfo?>(null);

    public Task<CheckpointInfo> TagAsync(Guid checkpointId, string tag) => throw new NotSupportedException();
}
