namespace Csol.Abstractions;

/// <summary>A metric over the seeds of one configuration.</summary>
/// <param name="StandardDeviation">The sample standard deviation (n − 1 in the denominator), NaN for a single run.</param>
public sealed record SeedStatistic(double Mean, double StandardDeviation, int Count)
{
    /// <summary>"0.400 ± 0.141 (n 2)" as boards show it; a single run shows its value.</summary>
    public string Text(string format = "0.000")
    {
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        var mean = Mean.ToString(format, culture);
        return Count == 1 ? mean : $"{mean} ± {StandardDeviation.ToString(format, culture)}";
    }

    /// <summary>Mean and sample standard deviation of <paramref name="values"/>.</summary>
    /// <remarks>Sample, not population, deviation: a paper's "mean ± std over 3 seeds" estimates the spread of the
    /// method, and numpy's default (ddof 0) would understate it by √(2/3) at n = 3.</remarks>
    public static SeedStatistic Of(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0)
            throw new ArgumentException("A statistic needs at least one value.", nameof(values));
        var mean = values.Average();
        if (values.Count == 1)
            return new SeedStatistic(mean, double.NaN, 1);
        var squares = values.Sum(v => (v - mean) * (v - mean));
        return new SeedStatistic(mean, Math.Sqrt(squares / (values.Count - 1)), values.Count);
    }
}
