using Csol.Dashboard.Components.Charts;
using Csol.Abstractions;
using Xunit;

namespace Csol.Tests.Dashboard;

[Trait("Category", "unit")]
public sealed class ChartGeometryTests
{
    [Theory]
    [InlineData(0.13, 0.2)]
    [InlineData(0.3, 0.5)]
    [InlineData(7, 10)]
    [InlineData(1, 1)]
    [InlineData(42, 50)]
    public void NiceStep_rounds_up_to_1_2_or_5_times_a_power_of_ten(double rough, double expected) =>
        Assert.Equal(expected, ChartGeometry.NiceStep(rough), 9);

    [Fact]
    public void Axis_covers_the_data_with_round_ticks_and_ignores_non_finite_values()
    {
        var axis = ChartGeometry.AxisFor([0.93, 0.41, double.NaN, 0.12, double.PositiveInfinity]);

        // range 0.81 / 5 ticks = 0.162 -> step 0.2; floor(0.12/0.2)*0.2 = 0, ceil(0.93/0.2)*0.2 = 1.0
        Assert.Equal(0, axis.Min, 9);
        Assert.Equal(1.0, axis.Max, 9);
        Assert.Equal([0, 0.2, 0.4, 0.6, 0.8, 1.0], axis.Ticks.Select(t => Math.Round(t, 9)));
    }

    [Fact]
    public void Polyline_maps_data_corners_to_the_plot_corners_and_skips_NaN()
    {
        var series = new LineSeries("loss", "#000", [(0, 0), (5, double.NaN), (10, 1)]);
        var x = new Axis(0, 10, [0, 10]);
        var y = new Axis(0, 1, [0, 1]);

        var points = ChartGeometry.Polyline(series, x, y, left: 50, right: 150, bottom: 200, top: 100);

        Assert.Equal("50.0,200.0 150.0,100.0", points);
    }

    [Fact]
    public void History_merges_repeated_points_and_orders_by_step()
    {
        var history = new MetricHistory();
        history.Add([new MetricPoint(2, 0, "loss", 0.5, 1), new MetricPoint(1, 0, "loss", 0.9, 0.5)]);
        history.Add([new MetricPoint(2, 0, "loss", 0.5, 1), new MetricPoint(3, 0, "loss", 0.4, 1.5), new MetricPoint(3, 0, "val_auc", 0.3, 1.5)]);

        var series = history.Series(["loss", "val_loss", "val_auc"]);

        Assert.Equal(["loss", "val_auc"], series.Select(s => s.Name));
        Assert.Equal([(1.0, 0.9), (2.0, 0.5), (3.0, 0.4)], series[0].Points);
        Assert.Equal(4, history.Count);
    }
}
