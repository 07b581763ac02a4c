using Csol.Abstractions;
using Csol.Silo.ExperimentResults;
using Xunit;

namespace Csol.Tests.Results;

[Trait("Category", "unit")]
public sealed class CheckpointRetentionTests
{
    private static CheckpointInfo Checkpoint(int epoch, double? iou, string stage = "stage-one") => new()
    {
        Id = Guid.NewGuid(),
        Stage = stage,
        Epoch = epoch,
        Metrics = iou is { } v ? new Dictionary<string, double> { ["val_iou@0.5"] = v } : new Dictionary<string, double>(),
    };

    [Fact]
    public void The_epoch_model_selection_chose_is_kept_even_when_it_is_neither_best_nor_latest()
    {
        var all = new[] { Checkpoint(0, 0.1), Checkpoint(1, 0.5), Checkpoint(2, 0.05), Checkpoint(3, 0.4) };

        var keep = CheckpointRetention.Keep(all, keepBest: 1, metric: null, selectedEpoch: 2);

        Assert.Equal(new[] { all[1].Id, all[2].Id, all[3].Id }.Order(), keep.Order());
    }

    [Fact]
    public void Keeps_the_two_best_and_the_latest()
    {
        var all = new[] { Checkpoint(0, 0.1), Checkpoint(1, 0.5), Checkpoint(2, 0.2), Checkpoint(3, 0.4), Checkpoint(4, 0.3) };

        var keep = CheckpointRetention.Keep(all, keepBest: 2, metric: null);

        Assert.Equal(new[] { all[1].Id, all[3].Id, all[4].Id }.Order(), keep.Order());
    }

    [Fact]
    public void The_latest_may_be_among_the_best_ties_go_to_the_later_epoch_and_missing_metrics_rank_last()
    {
        var all = new[] { Checkpoint(0, null), Checkpoint(1, 0.2), Checkpoint(2, 0.2), Checkpoint(3, 0.9) };

        var keep = CheckpointRetention.Keep(all, keepBest: 2, metric: null);

        Assert.Equal(new[] { all[2].Id, all[3].Id }.Order(), keep.Order());
    }

    [Fact]
    public void Each_stage_is_kept_on_its_own_and_a_configured_metric_wins()
    {
        var one = new[] { Checkpoint(0, 0.9), Checkpoint(1, 0.1), Checkpoint(2, 0.2) };
        var two = Checkpoint(0, null, "stage-two");
        one[1] = one[1] with { Metrics = new Dictionary<string, double> { ["val_auc"] = 0.8 } };

        var byIou = CheckpointRetention.Keep([.. one, two], keepBest: 1, metric: null);
        var byAuc = CheckpointRetention.Keep([.. one, two], keepBest: 1, metric: "val_auc");

        Assert.Equal(new[] { one[0].Id, one[2].Id, two.Id }.Order(), byIou.Order());
        Assert.Equal(new[] { one[1].Id, one[2].Id, two.Id }.Order(), byAuc.Order());
    }
}
