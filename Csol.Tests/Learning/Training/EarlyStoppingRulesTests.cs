using Csol.Abstractions;
using Csol.Grains.Sweeps;
using Csol.Learning.Experiments;
using Csol.Learning.Training;
using Xunit;

namespace Csol.Tests.Learning.Training;

/// <summary>The patience rule of <c>training.earlyStopping</c> and the median rule of <c>sweep.earlyStopping</c> on
/// curves worked out by hand.</summary>
[Trait("Category", "unit")]
public sealed class EarlyStoppingRulesTests
{
    [Fact]
    public void Patience_stops_after_that_many_epochs_without_an_improvement_larger_than_min_delta()
    {
        // Best 0.70 at epoch 2; 0.695 (epoch 4) improves by less than minDelta 0.01, so epochs 3 and 4 are stale.
        double[] curve = [1.0, 0.8, 0.70, 0.75, 0.695, 0.5];
        var rule = new PatienceStopping(new EarlyStoppingConfig { Metric = "val_loss", Patience = 2, MinDelta = 0.01 });

        var stoppedAt = Enumerable.Range(0, curve.Length).First(e => rule.Offer(e, new Dictionary<string, double> { ["val_loss"] = curve[e] }));

        Assert.Equal((4, 2, 0.70), (stoppedAt, rule.BestEpoch!.Value, rule.Best!.Value));
    }

    [Fact]
    public void Patience_in_max_mode_and_by_a_name_without_loss_counts_rises_as_improvements()
    {
        var rule = new PatienceStopping(new EarlyStoppingConfig { Metric = "val_auc", Patience = 1 });
        Assert.False(rule.Offer(0, new Dictionary<string, double> { ["val_auc"] = 0.3 }));
        Assert.False(rule.Offer(1, new Dictionary<string, double> { ["val_auc"] = 0.4 }));
        Assert.True(rule.Offer(2, new Dictionary<string, double> { ["val_auc"] = 0.35 }));
        Assert.Equal(1, rule.BestEpoch);
    }

    [Fact]
    public void Median_rule_stops_a_member_whose_best_so_far_is_worse_than_the_median_of_the_others_at_that_epoch()
    {
        var rule = new SweepStoppingRule("val_loss", WarmupEpochs: 2, LowerIsBetter: true);
        var (a, b, c, d) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var curves = new Dictionary<Guid, IReadOnlyDictionary<int, double>>
        {
            [a] = Curve(1.0, 0.8, 0.6, 0.5),
            [b] = Curve(1.0, 0.7, 0.4, 0.3),
            [c] = Curve(1.0, 0.9, 0.9, 0.45),
            [d] = Curve(0.9, 0.9, 0.9),
        };

        // Warm-up: epoch 1 never stops, however bad.
        Assert.Null(MedianStoppingRule.Decide(rule, d, 1, curves));
        // d at epoch 2: best so far 0.9; the others at epoch 2 are 0.6, 0.4, 0.9 → median 0.6 → worse → stop.
        Assert.Contains("epoch 2", MedianStoppingRule.Decide(rule, d, 2, curves));
        // a at epoch 2: best 0.6; others 0.4, 0.9, 0.9 → median 0.9 → better → go on.
        Assert.Null(MedianStoppingRule.Decide(rule, a, 2, curves));
        // c at epoch 3: best 0.45; others at epoch 3 are a 0.5 and b 0.3 (d has none) → median 0.4 → worse → stop.
        Assert.Contains("median 0.4 ", MedianStoppingRule.Decide(rule, c, 3, curves));
        // Nobody else reached epoch 5: nothing to compare with.
        Assert.Null(MedianStoppingRule.Decide(rule, a, 5, new Dictionary<Guid, IReadOnlyDictionary<int, double>> { [a] = Curve(1, 1, 1, 1, 1, 1) }));
        Assert.Equal(0.5, MedianStoppingRule.Median([0.9, 0.1, 0.5]));
        Assert.Equal(0.45, MedianStoppingRule.Median([0.4, 0.5, 0.9, 0.1]), 12);
    }

    [Fact]
    public void Config_validation_names_the_field_of_each_bad_early_stopping_value()
    {
        var errors = ExperimentConfigLoader.Validate(new ExperimentConfig
        {
            Name = "bad",
            Kind = ExperimentKinds.StageOne,
            Training = new TrainingConfig
            {
                EarlyStopping = new EarlyStoppingConfig { Metric = "val_ciou@0.3", Patience = 0, MinDelta = -1, Mode = "up" },
            },
            SweepEarlyStopping = new SweepEarlyStoppingConfig { Metric = "nmi", WarmupEpochs = -1, Rule = "hyperband" },
        }, "bad.json").ToDictionary(e => e.Field, e => e.Message);

        Assert.Contains("never reported", errors["training.earlyStopping.metric"]);
        Assert.Contains("val_loss", errors["training.earlyStopping.metric"]);
        Assert.Contains("at least 1", errors["training.earlyStopping.patience"]);
        Assert.Contains("0 or more", errors["training.earlyStopping.minDelta"]);
        Assert.Contains("\"min\" or \"max\"", errors["training.earlyStopping.mode"]);
        Assert.Contains("never reported", errors["sweep.earlyStopping.metric"]);
        Assert.Contains("0 or more", errors["sweep.earlyStopping.warmupEpochs"]);
        Assert.Contains("median", errors["sweep.earlyStopping.rule"]);
    }

    private static Dictionary<int, double> Curve(params double[] values) => values.Select((v, i) => (v, i)).ToDictionary(p => p.i, p => p.v);
}
