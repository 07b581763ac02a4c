using System.Globalization;

namespace Csol.Dashboard.Components.Charts;

/// <summary>One line of a chart: (x, y) points in data units.</summary>
public sealed record LineSeries(string Name, string Color, IReadOnlyList<(double X, double Y)> Points);

/// <summary>A data range mapped onto a pixel range, with round tick values.</summary>
public sealed record Axis(double Min, double Max, IReadOnlyList<double> Ticks)
{
    public double Scale(double value, double from, double to) =>
        Max > Min ? from + (value - Min) / (Max - Min) * (to - from) : (from + to) / 2;
}

/// <summary>The arithmetic behind <see cref="MetricChart"/>, apart from markup so it can be tested.</summary>
public static class ChartGeometry
{
    /// <summary>An axis covering every finite value, widened to round ticks (1, 2 or 5 × 10ⁿ apart).</summary>
    public static Axis AxisFor(IEnumerable<double> values, int targetTicks = 5)
    {
        var finite = values.Where(double.IsFinite).ToArray();
        if (finite.Length == 0)
            return new Axis(0, 1, [0, 0.5, 1]);
        double min = finite.Min(), max = finite.Max();
        if (max - min < 1e-12)
        {
            var pad = Math.Abs(min) > 1e-12 ? Math.Abs(min) * 0.1 : 1;
            min -= pad;
            max += pad;
        }
        var step = NiceStep((max - min) / Math.Max(1, targetTicks));
        var lo = Math.Floor(min / step) * step;
        var hi = Math.Ceiling(max / step) * step;
        var ticks = new List<double>();
        for (var t = lo; t <= hi + step / 2; t += step)
            ticks.Add(Math.Round(t / step) * step);
        return new Axis(lo, hi, ticks);
    }

    public static double NiceStep(double rough)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var fraction = rough / magnitude;
        var nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        return nice * magnitude;
    }

    /// <summary>SVG polyline points for a series; non-finite values (a diverged loss) break nothing, they are skipped.</summary>
    public static string Polyline(LineSeries series, Axis x, Axis y, double left, double right, double bottom, double top) =>
        string.Join(' ', series.Points
            .Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y))
            .Select(p => string.Create(CultureInfo.InvariantCulture,
                $"{x.Scale(p.X, left, right):F1},{y.Scale(p.Y, bottom, top):F1}")));

    /// <summary>How much wider than a series' usual spacing a step gap must be to break its line.</summary>
    public const double GapFactor = 1.5;

    /// <summary>The runs of a series drawn as one line each. The rule: the usual spacing is the median step gap
    /// between consecutive logged points; wherever a gap exceeds <see cref="GapFactor"/> times it, nothing was logged
    /// in between (a class phase, a stage with other metrics, a skipped validation), so the line breaks there instead
    /// of drawing a straight line across. The median, not the mean, so a few long gaps do not widen the spacing they are
    /// measured against. A non-finite value (a diverged loss) was logged but cannot be drawn: the line breaks there too.</summary>
    public static IReadOnlyList<LineSeries> Segments(LineSeries series)
    {
        var logged = series.Points.Where(p => double.IsFinite(p.X)).OrderBy(p => p.X).ToArray();
        var usual = logged.Length < 3 ? double.PositiveInfinity : Median(logged.Zip(logged.Skip(1), (a, b) => b.X - a.X));
        var segments = new List<LineSeries>();
        var run = new List<(double X, double Y)>();
        for (var i = 0; i < logged.Length; i++)
        {
            var gap = i > 0 && logged[i].X - logged[i - 1].X > GapFactor * usual;
            if ((gap || !double.IsFinite(logged[i].Y)) && run.Count > 0)
            {
                segments.Add(series with { Points = run.ToArray() });
                run.Clear();
            }
            if (double.IsFinite(logged[i].Y))
                run.Add(logged[i]);
        }
        if (run.Count > 0 || segments.Count == 0)
            segments.Add(series with { Points = run.ToArray() });
        return segments;
    }

    /// <summary>Where a hover readout is offered and what it says: every step some series logged, thinned evenly to at
    /// most <paramref name="max"/> (a dense loss series), though every point of a sparse series (≤ <paramref name="max"/>
    /// points, e.g. validation) keeps its step, so its values are always readable. Each text is the step, then every
    /// series that logged there with its value.</summary>
    public static IReadOnlyList<(double Step, string Text)> Readouts(IReadOnlyList<LineSeries> series, int max = 240)
    {
        var lookups = series
            .Select(s => (s.Name, Values: s.Points.Where(p => double.IsFinite(p.X)).GroupBy(p => p.X).ToDictionary(g => g.Key, g => g.Last().Y)))
            .ToArray();
        var all = lookups.SelectMany(l => l.Values.Keys).Distinct().Order().ToArray();
        IEnumerable<double> steps = all;
        if (all.Length > max)
        {
            var stride = (int)Math.Ceiling(all.Length / (double)max);
            steps = all.Where((_, i) => i % stride == 0)
                .Concat(lookups.Where(l => l.Values.Count <= max).SelectMany(l => l.Values.Keys))
                .Append(all[^1]).Distinct().Order();
        }
        return steps.Select(step => (step, string.Join(" · ", lookups
                .Where(l => l.Values.ContainsKey(step))
                .Select(l => $"{l.Name} {Value(l.Values[step])}")
                .Prepend($"step {step.ToString("0.###", CultureInfo.InvariantCulture)}"))))
            .ToArray();
    }

    private static string Value(double value) =>
        double.IsFinite(value) ? value.ToString("0.####", CultureInfo.InvariantCulture) : value.ToString(CultureInfo.InvariantCulture);

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    public static string Label(double value) =>
        Math.Abs(value) >= 1000 || (Math.Abs(value) < 0.01 && value != 0)
            ? value.ToString("0.##E+0", CultureInfo.InvariantCulture)
            : value.ToString("0.###", CultureInfo.InvariantCulture);
}
