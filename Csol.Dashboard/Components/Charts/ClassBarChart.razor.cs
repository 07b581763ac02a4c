using System.Globalization;
using Csol.Abstractions;
using Csol.Abstractions.Services;
using Csol.Dashboard.Components.Compare;
using Csol.Dashboard.Security;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Csol.Dashboard.Components.Charts;

public sealed partial class ClassBarChart
{
    private const double Left = 40, Top = 22, Width = 720, Height = 240;
    private const double Bottom = Height - 24;

    /// <summary>One group per class. Default: none.</summary>
    [Parameter] public IReadOnlyList<ClassBarGroup> Groups { get; set; } = [];

    /// <summary>Run labels, in bar order.</summary>
    [Parameter] public IReadOnlyList<string> Legend { get; set; } = [];

    /// <summary>The heading above the bars. Default: "Per-class values".</summary>
    [Parameter] public string Title { get; set; } = "Per-class values";

    /// <summary>What shows when there are no values. Default: "No per-class values".</summary>
    [Parameter] public string EmptyText { get; set; } = "No per-class values";

    /// <summary>The chart's <c>data-testid</c>. Default: <c>class-bars</c>.</summary>
    [Parameter] public string TestId { get; set; } = "class-bars";

    /// <summary>True: values are scores on 0…1. False: the axis runs from 0 to the largest value. Default: true.</summary>
    [Parameter] public bool Normalize { get; set; } = true;

    private Axis ValueAxis => Normalize
        ? new Axis(0, 1, [0, 0.25, 0.5, 0.75, 1])
        : ChartGeometry.AxisFor(Groups.SelectMany(g => g.Values).OfType<double>().Append(0));

    private double GroupWidth => (Width - 8 - Left) / Math.Max(1, Groups.Count);
    private double BarWidth => GroupWidth * 0.8 / Math.Max(1, Legend.Count);
    private double Y(double value) => ValueAxis.Scale(value, Bottom, Top);
    private static string F(double value) => value.ToString("F1", CultureInfo.InvariantCulture);

    private static string Tooltip(ClassBarGroup group, double value) =>
        $"{group.ClassName}: {value.ToString("0.###", CultureInfo.InvariantCulture)}";
}
