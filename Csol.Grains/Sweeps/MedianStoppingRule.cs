using System.Globalization;
using Csol.Abstractions;

namespace Csol.Grains.Sweeps;

/// <summary>The median stopping rule (Golovin et al., "Google Vizier", 2017): a member stops at epoch e (e ≥ the
/// warm-up) when its best value up to e is worse than the median of the other members' values at e. Members with no
/// value at e do not count; with none, nothing stops.</summary>
public static class MedianStoppingRule
{
    /// <summary>Why <paramref name="member"/> should stop at <paramref name="epoch"/>, or null.</summary>
    /// <param name="curves">Every member's value per epoch, the member's own included.</param>
    public static string? Decide(SweepStoppingRule rule, Guid member, int epoch, IReadOnlyDictionary<Guid, IReadOnlyDictionary<int, double>> curves)
    {
        if (epoch < rule.WarmupEpochs || !curves.TryGetValue(member, out var own))
            return null;
        var seen = own.Where(p => p.Key <= epoch && !double.IsNaN(p.Value)).Select(p => p.Value).ToList();
        if (seen.Count == 0)
            return null;
        var best = rule.LowerIsBetter ? seen.Min() : seen.Max();
        var others = curves.Where(c => c.Key != member && c.Value.TryGetValue(epoch, out var v) && !double.IsNaN(v))
            .Select(c => c.Value[epoch]).ToList();
        if (others.Count == 0)
            return null;
        var median = Median(others);
        var worse = rule.LowerIsBetter ? best > median : best < median;
        return worse
            ? string.Create(CultureInfo.InvariantCulture,
                $"stopped early at epoch {epoch}: best {rule.Metric} so far {best:0.####} is worse than the median {median:0.####} "
                + $"of {others.Count} other member(s) at that epoch (sweep.earlyStopping, median rule)")
            : null;
    }

    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
