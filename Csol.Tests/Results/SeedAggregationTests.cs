using Csol.Abstractions;
using Xunit;

namespace Csol.Tests.Results;

/// <summary>Seed groups on a board: mean and sample standard deviation worked out by hand, and the grouping by the
/// entries' stored seed group.</summary>
[Trait("Category", "unit")]
public sealed class SeedAggregationTests
{
    [Fact]
    public void Mean_and_sample_std_of_three_seeds_match_the_hand_computed_values()
    {
        // mean (0.50 + 0.30 + 0.46) / 3 = 0.42; squares 0.0064 + 0.0144 + 0.0016 = 0.0224; / (3 − 1) = 0.0112; √ = 0.105830…
        var statistic = SeedStatistic.Of([0.50, 0.30, 0.46]);

        Assert.Equal(0.42, statistic.Mean, 12);
        Assert.Equal(Math.Sqrt(0.0112), statistic.StandardDeviation, 12);
        Assert.Equal(0.105830052, statistic.StandardDeviation, 8);
        Assert.Equal(3, statistic.Count);
        Assert.Equal("0.420 ± 0.106", statistic.Text());
        Assert.Equal("0.700", SeedStatistic.Of([0.7]).Text());
    }

    [Fact]
    public void Entries_sharing_a_seed_group_become_one_row_named_by_their_stem_with_their_runs_listed()
    {
        var board = new Leaderboard(new LeaderboardKey("d", LeaderboardKey.SingleSource), "d", ["val_iou@0.5"], [],
        [
            Entry("quick", 0.50, "g1"), Entry("quick-seed2", 0.30, "g1"), Entry("quick-seed3", 0.46, "g1"), Entry("other", 0.45, "g2"),
        ]);

        var table = ResultTable.FromLeaderboard(board, e => e.SeedGroup);

        Assert.Equal(["other", "quick"], table.Rows.Select(r => r.Label));
        var quick = table.Rows[1];
        Assert.Equal((3, 0.42), (quick.Runs, Math.Round(quick.Cells["val_iou@0.5"].Mean, 12)));
        Assert.Equal(board.Entries.Take(3).Select(e => e.ExperimentId), quick.ExperimentIds);
    }

    private static LeaderboardEntry Entry(string name, double iou, string group) =>
        new(Guid.NewGuid(), name, Guid.NewGuid(), new Dictionary<string, double> { ["val_iou@0.5"] = iou }, new Dictionary<string, double>(),
            DateTimeOffset.UnixEpoch, null)
        {
            SeedGroup = group,
        };
}
