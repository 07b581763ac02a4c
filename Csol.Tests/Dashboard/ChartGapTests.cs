using Bunit;
using Csol.Dashboard.Components.Charts;
using Xunit;

namespace Csol.Tests.Dashboard;

/// <summary>Lines break where nothing was logged; every step offers a readout of its values.</summary>
[Trait("Category", "unit")]
public sealed class ChartGapTests
{
    [Fact]
    public void A_gap_wider_than_one_and_a_half_times_the_median_spacing_breaks_the_line()
    {
        // Logged every 2 steps, then nothing from 8 to 20 (another phase ran), then every 2 again; 11 is a late point
        // whose gap of 3 is within 1.5 × 2.
        var series = new LineSeries("loss", "#000", [(2, 1), (4, 0.9), (6, 0.8), (8, 0.7), (20, 0.5), (22, 0.4), (25, 0.3), (27, 0.2)]);

        var segments = ChartGeometry.Segments(series);

        Assert.Equal([[2, 4, 6, 8], [20, 22, 25, 27]], segments.Select(s => s.Points.Select(p => p.X).ToArray()));
        Assert.All(segments, s => Assert.Equal("loss", s.Name));
    }

    [Fact]
    public void Evenly_logged_series_stay_one_line_and_a_non_finite_value_breaks_it()
    {
        var even = new LineSeries("val_auc", "#000", [(100, 0.5), (200, 0.6), (300, 0.7), (400, 0.8)]);
        var diverged = new LineSeries("loss", "#000", [(1, 1), (2, 0.9), (3, double.NaN), (4, 0.4), (5, 0.3)]);

        Assert.Single(ChartGeometry.Segments(even));
        Assert.Equal([[1, 2], [4, 5]], ChartGeometry.Segments(diverged).Select(s => s.Points.Select(p => p.X).ToArray()));
        Assert.Single(ChartGeometry.Segments(new LineSeries("x", "#000", [(1, 1), (50, 2)]))); // two points: no spacing to judge by
    }

    [Fact]
    public void Readouts_name_the_step_and_every_value_logged_there_and_keep_every_validation_step_when_thinned()
    {
        IReadOnlyList<LineSeries> series =
        [
            new("loss", "#000", Enumerable.Range(1, 1000).Select(s => ((double)s, 1.0 / s)).ToArray()),
            new("val_loss", "#111", [(333, 0.25), (1000, 0.125)]),
        ];

        var readouts = ChartGeometry.Readouts(series, max: 100);

        Assert.InRange(readouts.Count, 100, 103);
        Assert.Equal("step 333 · loss 0.003 · val_loss 0.25", readouts.Single(r => r.Step == 333).Text);
        Assert.Equal("step 1000 · loss 0.001 · val_loss 0.125", readouts[^1].Text);
        Assert.Equal("step 1 · loss 1", readouts[0].Text);
    }

    [Fact]
    public async Task The_chart_draws_a_polyline_per_run_and_a_titled_hover_band_per_step()
    {
        await using var ctx = new BunitContext();
        IReadOnlyList<LineSeries> series =
        [
            new("loss", "#1e88e5", [(1, 0.7), (2, 0.6), (3, 0.5), (10, 0.4), (11, 0.3), (12, 0.2)]),
            new("val_loss", "#e53935", [(3, 0.55), (12, 0.25)]),
        ];

        var chart = ctx.Render<MetricChart>(p => p.Add(c => c.Series, series));

        var loss = chart.Find("g[data-series='loss']");
        Assert.Equal(2, loss.QuerySelectorAll("polyline").Length);
        var bands = chart.FindAll("rect.readout");
        Assert.Equal([1, 2, 3, 10, 11, 12], bands.Select(b => int.Parse(b.GetAttribute("data-step")!)));
        Assert.Equal("step 3 · loss 0.5 · val_loss 0.55", bands[2].QuerySelector("title")!.TextContent);
        Assert.Equal("step 10 · loss 0.4", bands[3].QuerySelector("title")!.TextContent);
    }

    [Fact]
    public async Task Charts_given_a_shared_axis_place_the_same_step_at_the_same_x()
    {
        await using var ctx = new BunitContext();
        var shared = ChartGeometry.AxisFor([0, 400], targetTicks: 8);
        IReadOnlyList<LineSeries> loss = [new("loss", "#000", [(0, 1), (200, 0.5), (400, 0.2)])];
        IReadOnlyList<LineSeries> validation = [new("val_auc", "#000", [(200, 0.6)])];

        var lossChart = ctx.Render<MetricChart>(p => p.Add(c => c.Series, loss).Add(c => c.SharedXAxis, shared));
        var validationChart = ctx.Render<MetricChart>(p => p.Add(c => c.Series, validation).Add(c => c.SharedXAxis, shared));

        var x200 = lossChart.Find("polyline").GetAttribute("points")!.Split(' ')[1].Split(',')[0];
        Assert.Equal(x200, validationChart.Find("circle").GetAttribute("cx"));
    }
}
