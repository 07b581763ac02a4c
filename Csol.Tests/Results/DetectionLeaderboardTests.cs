using Csol.Abstractions;
using Csol.Grains.Results;
using Xunit;

namespace Csol.Tests.Results;

[Trait("Category", "unit")]
public sealed class DetectionLeaderboardTests
{
    [Fact]
    public void Detection_ranks_on_map50_with_the_baselines_beside_and_the_first_sets_AP_per_class()
    {
        var metrics = new Dictionary<string, double>
        {
            ["map50"] = 0.4, ["heatmap_map50"] = 0.2, ["random_map50"] = 0.01, ["frame_map50"] = 0.05, ["upper_bound_map50"] = 0.7,
            ["ap50_acoustic_guitar"] = 0.5, ["ap50_cello"] = 0.3,
            ["heatmap_ap50_cello"] = 0.1, ["duettest_ap50_cello"] = 0.9, ["duettest_map50"] = 0.6, ["val_auc"] = 0.3,
        };

        var extracted = LeaderboardTasks.Extract(LeaderboardKey.Detection, metrics);

        Assert.Equal(LeaderboardKey.Detection, LeaderboardTasks.ForKind("detection"));
        Assert.Equal("map50", LeaderboardTasks.RankingMetric(LeaderboardKey.Detection));
        Assert.NotNull(extracted);
        Assert.Equal(5, extracted.Value.Metrics.Count);
        Assert.Equal(0.7, extracted.Value.Metrics["upper_bound_map50"]);
        Assert.Equal(new Dictionary<string, double> { ["acoustic_guitar"] = 0.5, ["cello"] = 0.3 }, extracted.Value.PerClass);
        Assert.Null(LeaderboardTasks.Extract(LeaderboardKey.Detection, new Dictionary<string, double> { ["heatmap_map50"] = 0.2 }));
    }
}
