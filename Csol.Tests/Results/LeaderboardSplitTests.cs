using Csol.Abstractions;
using Csol.Grains.Results;
using Csol.Silo.ExperimentResults.Export;
using Xunit;

namespace Csol.Tests.Results;

/// <summary>A board holds figures of one split, the test split, and says so: stage one's validation figures (what model
/// selection read) never enter it, neither as a column value nor as a fallback ranked against test figures.</summary>
[Trait("Category", "unit")]
[Collection(nameof(LeaderboardSplitTests))] // its own collection: runs in parallel
public sealed class LeaderboardSplitTests
{
    [Fact]
    public void A_stage_one_run_enters_with_its_test_figures_never_its_validation_ones()
    {
        // The last validation is better than the test score, as after an epoch chosen on validation it often is.
        var metrics = new Dictionary<string, double>
        {
            ["val_iou@0.5"] = 0.9, ["val_auc"] = 0.8, ["test_iou@0.5"] = 0.3, ["test_auc"] = 0.4, ["selected_epoch"] = 2,
        };

        var entry = LeaderboardTasks.Extract(LeaderboardKey.SingleSource, metrics);

        Assert.NotNull(entry);
        Assert.Equal(new Dictionary<string, double> { ["val_iou@0.5"] = 0.3, ["val_auc"] = 0.4 }, entry.Value.Metrics);
    }

    [Fact]
    public void A_stage_one_run_without_test_figures_has_no_entry_rather_than_a_validation_one()
    {
        var validationOnly = new Dictionary<string, double> { ["val_iou@0.5"] = 0.9, ["val_auc"] = 0.8, ["val_loss"] = 0.1 };

        Assert.Null(LeaderboardTasks.Extract(LeaderboardKey.SingleSource, validationOnly));
    }

    [Fact]
    public void Exports_of_a_board_name_the_split_and_a_comparison_of_runs_does_not()
    {
        var entry = new LeaderboardEntry(Guid.NewGuid(), "run", null, new Dictionary<string, double> { ["val_iou@0.5"] = 0.3 },
            new Dictionary<string, double>(), DateTimeOffset.UnixEpoch, null);
        var board = new Leaderboard(new LeaderboardKey("d", LeaderboardKey.SingleSource), "d", ["val_iou@0.5"], [], [entry]);
        var table = ResultTable.FromLeaderboard(board);
        var comparison = table with { Split = null };

        Assert.StartsWith("| experiment (test split) | IoU@0.5 |", ResultTableFormats.ToMarkdown(table), StringComparison.Ordinal);
        Assert.StartsWith("experiment (test split),val_iou@0.5", ResultTableFormats.ToCsv(table), StringComparison.Ordinal);
        Assert.Contains("Experiment (test split) & IoU@0.5", ResultTableFormats.ToLatex(table), StringComparison.Ordinal);
        Assert.StartsWith("| experiment | IoU@0.5 |", ResultTableFormats.ToMarkdown(comparison), StringComparison.Ordinal);
    }
}
