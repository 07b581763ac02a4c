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

    public static string Label(double value) =>
        Math.Abs(value) >= 1000 || (Math.Abs(value) < 0.01 && value != 0)
            ? value.ToString("0.##E+0", CultureInfo.InvariantCulture)
            : value.ToString("0.###", CultureInfo.InvariantCulture);
}
