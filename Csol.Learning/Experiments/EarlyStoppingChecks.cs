using System.Globalization;

namespace Csol.Learning.Experiments;

/// <summary>Checks of <c>training.earlyStopping</c> and <c>sweepEarlyStopping</c> (from <c>sweep.earlyStopping</c>):
/// each bad value names its field and what was expected.</summary>
internal static class EarlyStoppingChecks
{
    public static void Validate(ExperimentConfig config, Action<string, string> fail)
    {
        var reported = StoppingModes.EpochMetrics(config);
        if (config.Training.EarlyStopping is { } training)
        {
            const string field = "training.earlyStopping";
            if (config.Kind is not (ExperimentKinds.StageOne or ExperimentKinds.Probe))
                fail(field, $"is supported for the stage-one and probe kinds, not \"{config.Kind}\" "
                    + "(the pipeline's later steps need stage one's last epoch)");
            Metric(training.Metric, $"{field}.metric", reported.Where(m => m != "epoch_loss").ToList(), fail);
            if (training.Patience < 1)
                fail($"{field}.patience", $"must be at least 1 (validated epochs without improvement), got {training.Patience}");
            if (!(training.MinDelta >= 0))
                fail($"{field}.minDelta", $"must be 0 or more, got {training.MinDelta.ToString(CultureInfo.InvariantCulture)}");
            Mode(training.Mode, $"{field}.mode", fail);
            if (config.Kind == ExperimentKinds.StageOne && !config.Training.ValidateEveryEpoch)
                fail($"{field}", "needs training.validateEveryEpoch true: it watches a metric measured each epoch");
        }
        if (config.SweepEarlyStopping is { } sweep)
        {
            const string field = "sweep.earlyStopping";
            Metric(sweep.Metric, $"{field}.metric", reported, fail);
            if (sweep.WarmupEpochs < 0)
                fail($"{field}.warmupEpochs", $"must be 0 or more, got {sweep.WarmupEpochs}");
            if (sweep.Rule != StoppingModes.Median)
                fail($"{field}.rule", $"must be \"{StoppingModes.Median}\", got \"{sweep.Rule}\"");
            Mode(sweep.Mode, $"{field}.mode", fail);
        }
    }

    private static void Metric(string metric, string field, IReadOnlyList<string> reported, Action<string, string> fail)
    {
        if (reported.Contains(metric))
            return;
        fail(field, reported.Count == 0
            ? $"\"{metric}\" is never reported: this kind reports no epoch-level metric"
            : $"\"{metric}\" is never reported by this experiment (it reports {string.Join(", ", reported)})");
    }

    private static void Mode(string? mode, string field, Action<string, string> fail)
    {
        if (mode is not (null or StoppingModes.Min or StoppingModes.Max))
            fail(field, $"must be \"min\" or \"max\", got \"{mode}\"");
    }
}
