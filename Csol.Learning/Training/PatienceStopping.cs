using Csol.Learning.Experiments;

namespace Csol.Learning.Training;

/// <summary>The patience rule of <c>training.earlyStopping</c>: an epoch improves when its value beats the best so far
/// by more than <c>minDelta</c>; training stops once <c>patience</c> validated epochs in a row did not.</summary>
public sealed class PatienceStopping(EarlyStoppingConfig rule)
{
    private readonly bool lowerIsBetter = StoppingModes.Resolve(rule.Mode, rule.Metric) == StoppingModes.Min;

    public string Metric => rule.Metric;

    public double? Best { get; private set; }

    public int? BestEpoch { get; private set; }

    /// <summary>Validated epochs since the last improvement.</summary>
    public int Stale { get; private set; }

    /// <summary>Offers epoch <paramref name="epoch"/>'s validation metrics; true when training should stop after it.
    /// An epoch without the metric counts as no improvement.</summary>
    public bool Offer(int epoch, IReadOnlyDictionary<string, double> metrics)
    {
        if (metrics.TryGetValue(rule.Metric, out var value) && !double.IsNaN(value) && Improves(value))
        {
            (Best, BestEpoch, Stale) = (value, epoch, 0);
            return false;
        }
        Stale++;
        return Stale >= rule.Patience;
    }

    private bool Improves(double value) => Best is not { } best
        || (lowerIsBetter ? value < best - rule.MinDelta : value > best + rule.MinDelta);
}
