namespace Csol.Learning.Experiments;

/// <summary><c>training.earlyStopping</c>: stop once <see cref="Metric"/> has not improved by more than
/// <see cref="MinDelta"/> for <see cref="Patience"/> validated epochs; the best epoch by that metric is the one selected.</summary>
public sealed record EarlyStoppingConfig
{
    /// <summary>A validation metric the run reports each epoch, e.g. <c>val_loss</c> or <c>val_auc</c>.</summary>
    public string Metric { get; init; } = "val_loss";
    /// <summary>Validated epochs without improvement before training stops (≥ 1).</summary>
    public int Patience { get; init; } = 3;
    /// <summary>Smallest change that counts as an improvement (≥ 0).</summary>
    public double MinDelta { get; init; }
    /// <summary><c>min</c> (lower is better, losses) or <c>max</c>; left out: <c>min</c> for names with "loss", else <c>max</c>.</summary>
    public string? Mode { get; init; }
}

/// <summary>A sweep's <c>sweep.earlyStopping</c>: the median stopping rule (Golovin et al. 2017, as in Katib and
/// Determined): after <see cref="WarmupEpochs"/>, a member stops at epoch e when its best value so far is worse than the
/// median of the other members' values at e.</summary>
public sealed record SweepEarlyStoppingConfig
{
    /// <summary>An epoch-level metric every member reports (a validation metric, or a probe curve).</summary>
    public string Metric { get; init; } = "val_loss";
    /// <summary>Epochs (0-based indices below this) never stopped.</summary>
    public int WarmupEpochs { get; init; } = 1;
    /// <summary>Only <c>median</c>.</summary>
    public string Rule { get; init; } = StoppingModes.Median;
    /// <summary><c>min</c> or <c>max</c>; left out: as <see cref="EarlyStoppingConfig.Mode"/>.</summary>
    public string? Mode { get; init; }
}

/// <summary>Modes and rules of the early-stopping sections.</summary>
public static class StoppingModes
{
    public const string Min = "min";
    public const string Max = "max";
    public const string Median = "median";

    /// <summary>The mode given, or the one the metric's name implies (losses go down).</summary>
    public static string Resolve(string? mode, string metric) =>
        mode ?? (metric.Contains("loss", StringComparison.OrdinalIgnoreCase) ? Min : Max);

    /// <summary>Epoch-level metrics a config's runs report, by kind: what an early-stopping rule may watch.</summary>
    public static IReadOnlyList<string> EpochMetrics(ExperimentConfig config) => config.Kind switch
    {
        ExperimentKinds.Probe => [.. (config.Probe.Curves?.Keys ?? []).Order(StringComparer.Ordinal)],
        ExperimentKinds.StageOne or ExperimentKinds.Pipeline or ExperimentKinds.Detection => config.Data.Source == ProceduralDataConfig.MusicSource
            ? ["val_loss", "val_accuracy", "epoch_loss"]
            : ["val_loss", "val_accuracy", "val_iou@0.5", "val_auc", "val_pointing", "epoch_loss"],
        _ => [],
    };
}
