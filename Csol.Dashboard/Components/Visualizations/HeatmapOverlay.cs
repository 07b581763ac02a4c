using Csol.Abstractions;

namespace Csol.Dashboard.Components.Visualizations;

/// <summary>A map cell drawn over the frame, in frame pixels.</summary>
public sealed record OverlayCell(string ClassName, double X, double Y, double Width, double Height, string Colour, double Opacity);

/// <summary>A ground-truth box in frame pixels; dashed when the object is silent.</summary>
public sealed record OverlayBox(string ClassName, double X, double Y, double Width, double Height, string Colour, bool Sounding);

/// <summary>A detector box in frame pixels, labelled with its class and score.</summary>
public sealed record OverlayDetection(string ClassName, double X, double Y, double Width, double Height, string Colour, double Score)
{
    public string Label => $"{ClassName} {Score.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)}";
}

/// <summary>What the Visualizations page draws for one image: the cells of the shown classes' maps at or above the
/// threshold (more opaque where the probability is higher) and those classes' boxes.</summary>
public static class HeatmapOverlay
{
    // The same colours as the evaluation's PNG pictures (ClassHeatmapRenderer), so both read alike.
    private static readonly string[] Palette =
        ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

    public static string Colour(int classIndex) => Palette[classIndex % Palette.Length];

    public static IReadOnlyList<OverlayCell> Cells(ImageMaps maps, IReadOnlySet<string> shown, double threshold)
    {
        var cells = new List<OverlayCell>();
        double cellWidth = (double)maps.FrameSize / maps.Columns, cellHeight = (double)maps.FrameSize / maps.Rows;
        for (var c = 0; c < maps.Classes.Count; c++)
        {
            var map = maps.Classes[c];
            if (!shown.Contains(map.Name))
                continue;
            for (var r = 0; r < maps.Rows; r++)
                for (var col = 0; col < maps.Columns; col++)
                {
                    var value = map.Values[r * maps.Columns + col];
                    // Maps are float32: 0.35f is a hair under 0.35, which must still count as "at the threshold".
                    if (value >= threshold - 1e-6 && value > 0)
                        cells.Add(new OverlayCell(map.Name, col * cellWidth, r * cellHeight, cellWidth, cellHeight, Colour(c),
                            Math.Round(0.2 + 0.6 * Math.Clamp(value, 0, 1), 3)));
                }
        }
        return cells;
    }

    /// <summary>The detector's boxes of the shown classes scoring at least <paramref name="minScore"/>, in frame pixels.</summary>
    public static IReadOnlyList<OverlayDetection> Detections(ImageMaps maps, IReadOnlySet<string> shown, double minScore)
    {
        var colours = maps.Classes.Select((m, c) => (m.Name, c)).ToDictionary(p => p.Name, p => Colour(p.c));
        return maps.Detections.Where(d => shown.Contains(d.ClassName) && d.Score >= minScore - 1e-9)
            .Select(d => new OverlayDetection(d.ClassName, d.X * maps.FrameSize, d.Y * maps.FrameSize, d.Width * maps.FrameSize,
                d.Height * maps.FrameSize, colours.GetValueOrDefault(d.ClassName, "#000000"), d.Score))
            .ToArray();
    }

    public static IReadOnlyList<OverlayBox> Boxes(ImageMaps maps, IReadOnlySet<string> shown) =>
        maps.Classes.SelectMany((map, c) => shown.Contains(map.Name)
                ? map.Boxes.Select(b => new OverlayBox(map.Name, b.X * maps.FrameSize, b.Y * maps.FrameSize, b.Width * maps.FrameSize,
                    b.Height * maps.FrameSize, Colour(c), map.TrulySounding == true))
                : [])
            .ToArray();
}
