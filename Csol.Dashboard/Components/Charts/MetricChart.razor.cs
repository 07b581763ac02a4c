using System.Globalization;
using Microsoft.AspNetCore.Components;

namespace Csol.Dashboard.Components.Charts;

/// <summary>A line chart drawn as SVG, cheap enough to redraw on every live update.</summary>
public partial class MetricChart
{
    private const double Left = 56, Top = 20;

    /// <summary>The lines to draw. Default: none.</summary>
    [Parameter] public IReadOnlyList<LineSeries> Series { get; set; } = [];

    /// <summary>Accessible name of the chart. Default: "Metric chart".</summary>
    [Parameter] public string Title { get; set; } = "Metric chart";

    /// <summary>Caption under the x axis. Default: "step".</summary>
    [Parameter] public string XLabel { get; set; } = "step";

    /// <summary>Shown while there are no points. Default: "No points yet".</summary>
    [Parameter] public string EmptyText { get; set; } = "No points yet";

    /// <summary>Width of the drawing in SVG units (it scales to its container). Default: 720.</summary>
    [Parameter] public double Width { get; set; } = 720;

    /// <summary>Height in SVG units. Default: 260.</summary>
    [Parameter] public double Height { get; set; } = 260;

    /// <summary>data-testid of the svg element. Default: "metric-chart".</summary>
    [Parameter] public string TestId { get; set; } = "metric-chart";

    /// <summary>An x axis shared with other charts (the detail page gives its loss and validation charts the same
    /// step range). Default: null, an axis covering this chart's own points.</summary>
    [Parameter] public Axis? SharedXAxis { get; set; }

    private double Right => Width - 16;
    private double Bottom => Height - 36;
    private Axis XAxis { get; set; } = ChartGeometry.AxisFor([]);
    private Axis YAxis { get; set; } = ChartGeometry.AxisFor([]);

    // Once per render, not per tick and point: a live loss series has thousands of points.
    protected override void OnParametersSet()
    {
        XAxis = SharedXAxis ?? ChartGeometry.AxisFor(Series.SelectMany(s => s.Points.Select(p => p.X)), targetTicks: 8);
        YAxis = ChartGeometry.AxisFor(Series.SelectMany(s => s.Points.Select(p => p.Y)));
    }

    private IEnumerable<(double Step, double From, double To, string Text)> Bands()
    {
        var readouts = ChartGeometry.Readouts(Series);
        var xs = readouts.Select(r => XAxis.Scale(r.Step, Left, Right)).ToArray();
        for (var i = 0; i < readouts.Count; i++)
        {
            var from = i == 0 ? Left : (xs[i - 1] + xs[i]) / 2;
            var to = i == readouts.Count - 1 ? Right : (xs[i] + xs[i + 1]) / 2;
            yield return (readouts[i].Step, Math.Max(Left, from), Math.Min(Right, Math.Max(from, to)), readouts[i].Text);
        }
    }

    private static string F(double value) => value.ToString("F1", CultureInfo.InvariantCulture);
}
