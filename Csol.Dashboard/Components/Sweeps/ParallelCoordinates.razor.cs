using Microsoft.AspNetCore.Components;

namespace Csol.Dashboard.Components.Sweeps;

/// <summary>A parallel-coordinates plot (hand-written SVG): an axis per swept parameter and one for the chosen metric,
/// best at the top, and one line per member coloured by that metric.</summary>
public sealed partial class ParallelCoordinates
{
    private static readonly string W = ParallelCoordinatesLayout.F(ParallelCoordinatesLayout.Width);
    private static readonly string H = ParallelCoordinatesLayout.F(ParallelCoordinatesLayout.Height);
    private ParallelCoordinatesLayout _layout = null!;

    /// <summary>The sweep's members, parameters and chosen metric. Required.</summary>
    [Parameter, EditorRequired] public SweepTable Table { get; set; } = null!;

    protected override void OnParametersSet() => _layout = new ParallelCoordinatesLayout(Table);

    private static string F(double value) => ParallelCoordinatesLayout.F(value);
}
