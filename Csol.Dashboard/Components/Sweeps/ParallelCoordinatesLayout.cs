using System.Globalization;

namespace Csol.Dashboard.Components.Sweeps;

/// <summary>One vertical axis: its title, where it stands, and its labelled ticks (y in the plot's coordinates).</summary>
public sealed record ParallelAxis(string Title, double X, IReadOnlyList<(double Y, string Label)> Ticks);

/// <summary>One member's line through every axis, coloured by its metric (grey without one).</summary>
public sealed record ParallelLine(Guid ExperimentId, string Name, string Points, string Colour, string Title);

/// <summary>The geometry of a parallel-coordinates plot: one axis per swept parameter, then the metric (best at the
/// top). Numeric parameters get a linear axis (logarithmic when all positive and spanning two decades or more, as
/// learning rates do); others one tick per distinct value.</summary>
public sealed class ParallelCoordinatesLayout
{
    public const double Width = 760, Height = 320, Top = 24, Bottom = 40, Left = 60, Right = 60;

    public IReadOnlyList<ParallelAxis> Axes { get; }
    public IReadOnlyList<ParallelLine> Lines { get; }

    public ParallelCoordinatesLayout(SweepTable table)
    {
        var columns = table.Parameters.Select(p => Scale(p, table.Members.Select(m => m.Values.GetValueOrDefault(p)).ToArray()))
            .Append(MetricScale(table)).ToArray();
        var step = columns.Length > 1 ? (Width - Left - Right) / (columns.Length - 1) : 0;
        Axes = columns.Select((c, i) => new ParallelAxis(c.Title, Left + i * step, c.Ticks)).ToArray();
        var (low, high) = Range(table.Members.Select(m => m.Best));
        Lines = table.Members.Select(m =>
        {
            var ys = columns.Select(c => c.Y(c.IsMetric ? Number(m.Best) : m.Values.GetValueOrDefault(c.Title))).ToArray();
            var points = string.Join(' ', ys.Select((y, i) => y is { } v ? $"{F(Axes[i].X)},{F(v)}" : null).OfType<string>());
            var colour = m.Best is { } best ? Colour(high > low ? (best - low) / (high - low) : 1, table.HigherIsBetter) : "#9e9e9e";
            var values = string.Join(", ", table.Parameters.Select(p => $"{p}={SweepAnalysis.Display(m.Values.GetValueOrDefault(p))}"));
            var title = $"{m.Experiment.Name}: {values}"
                + $" → {table.Metric} {(m.Best is { } b ? F3(b) : "–")}";
            return new ParallelLine(m.Experiment.Id, m.Experiment.Name, points, colour, title);
        }).ToArray();
    }

    private sealed record Column(string Title, IReadOnlyList<(double Y, string Label)> Ticks, Func<string?, double?> Y, bool IsMetric = false);

    private static double Plot(double fraction) => Top + (1 - fraction) * (Height - Top - Bottom);

    private static Column Scale(string title, IReadOnlyList<string?> values)
    {
        var numbers = values.Select(SweepAnalysis.Number).ToArray();
        if (numbers.All(n => n is not null))
        {
            var (low, high) = Range(numbers);
            var log = low > 0 && high / low >= 100;
            Func<double, double> t = log ? Math.Log10 : v => v;
            var (a, b) = (t(low), t(high));
            double Fraction(double v) => b > a ? (t(v) - a) / (b - a) : 0.5;
            var ticks = numbers.OfType<double>().Distinct().Order().Select(v => (Plot(Fraction(v)), F3(v))).ToArray();
            return new Column(title, ticks, v => SweepAnalysis.Number(v) is { } n ? Plot(Fraction(n)) : null);
        }
        var categories = values.Select(SweepAnalysis.Display).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        double Category(string label) => categories.Length > 1 ? Array.IndexOf(categories, label) / (double)(categories.Length - 1) : 0.5;
        return new Column(title, categories.Select(c => (Plot(Category(c)), c)).ToArray(), v => Plot(Category(SweepAnalysis.Display(v))));
    }

    private static Column MetricScale(SweepTable table)
    {
        var (low, high) = Range(table.Members.Select(m => m.Best));
        // Best at the top whichever way the metric ranks.
        double Fraction(double v) => high > low ? (table.HigherIsBetter ? (v - low) / (high - low) : (high - v) / (high - low)) : 0.5;
        var ticks = table.Members.Any(m => m.Best is not null)
            ? new[] { low, (low + high) / 2, high }.Distinct().Select(v => (Plot(Fraction(v)), F3(v))).ToArray()
            : [];
        return new Column(table.Metric, ticks, v => SweepAnalysis.Number(v) is { } n ? Plot(Fraction(n)) : null, IsMetric: true);
    }

    private static (double Low, double High) Range(IEnumerable<double?> values)
    {
        var present = values.OfType<double>().ToArray();
        return present.Length == 0 ? (0, 1) : (present.Min(), present.Max());
    }

    private static string? Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Blue (worst) to orange (best).</summary>
    private static string Colour(double fraction, bool higherIsBetter)
    {
        var f = Math.Clamp(higherIsBetter ? fraction : 1 - fraction, 0, 1);
        var (r, g, b) = ((int)(33 + f * (245 - 33)), (int)(102 + f * (124 - 102)), (int)(172 + f * (0 - 172)));
        return $"#{r:x2}{g:x2}{b:x2}";
    }

    public static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    public static string F3(double value) => Math.Abs(value) is > 0 and < 0.001
        ? value.ToString("0.##e0", CultureInfo.InvariantCulture)
        : value.ToString("0.####", CultureInfo.InvariantCulture);
}
