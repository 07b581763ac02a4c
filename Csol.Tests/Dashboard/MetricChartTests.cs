using Bunit;
using Csol.Dashboard.Components.Charts;
using Xunit;

namespace Csol.Tests.Dashboard;

[Trait("Category", "unit")]
public sealed class MetricChartTests
{
    [Fact]
    public async Task Draws_one_polyline_per_series_with_a_legend()
    {
        await using var ctx = new BunitContext();
        IReadOnlyList<LineSeries> series =
        [
            new("loss", "#1e88e5", [(1, 0.7), (2, 0.6), (3, 0.4)]),
            new("val_loss", "#e53935", [(3, 0.5)]),
        ];

        var chart = ctx.Render<MetricChart>(p => p.Add(c => c.Series, series).Add(c => c.TestId, "loss-chart"));

        var lines = chart.FindAll("polyline");
        Assert.Equal(2, lines.Count);
        Assert.Equal(3, lines[0].GetAttribute("points")!.Split(' ').Length);
        Assert.Contains("val_loss", chart.Find("g[data-series='val_loss']").TextContent);
    }

    [Fact]
    public async Task Shows_the_empty_text_until_there_are_points()
    {
        await using var ctx = new BunitContext();

        var chart = ctx.Render<MetricChart>(p => p.Add(c => c.EmptyText, "Measured at the end of each epoch"));

        Assert.Empty(chart.FindAll("polyline"));
        Assert.Contains("Measured at the end of each epoch", chart.Markup);
    }
}
