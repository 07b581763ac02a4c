using Csol.Learning.Data;
using SkiaSharp;

namespace Csol.Learning.Evaluation;

/// <summary>One class of a picture: its heatmap and what the model and the truth say about it.</summary>
/// <param name="Heatmap">The class map Q_c (rows × columns, any size; probabilities, drawn on an absolute 0…1 scale so
/// a silent class looks dark rather than being stretched to full range).</param>
/// <param name="PredictedSounding">The model's verdict (peak of <paramref name="Heatmap"/> against a threshold).</param>
/// <param name="TrulySounding">Whether the class sounds in the ground truth; null when it is not in the image.</param>
/// <param name="Boxes">This class's boxes in the image.</param>
/// <param name="Score">Shown in the caption (the peak probability).</param>
public sealed record ClassPanel(string Name, float[,] Heatmap, bool PredictedSounding, bool? TrulySounding, IReadOnlyList<NormalizedBox> Boxes,
    double Score);

/// <summary>Where things go in a picture, so tests can check the file without duplicating the arithmetic.</summary>
public sealed record HeatmapLayout(int Width, int Height, int PanelSide, int Columns, int Rows, int LegendTop, int LegendLineHeight)
{
    public const int Padding = 8, TitleHeight = 26, CaptionHeight = 20, SwatchSide = 12;

    public static HeatmapLayout For(int classes, int frameSize)
    {
        var panel = Math.Max(frameSize, 160);
        var columns = Math.Min(4, classes + 1);
        var rows = (classes + 1 + columns - 1) / columns;
        var legendTop = TitleHeight + rows * (panel + CaptionHeight + Padding) + Padding;
        const int line = 18;
        return new HeatmapLayout(Padding + columns * (panel + Padding), legendTop + classes * line + Padding, panel, columns, rows, legendTop, line);
    }

    /// <summary>Top-left of panel <paramref name="index"/> (0 is the plain frame, 1 + c is class c).</summary>
    public SKPointI PanelOrigin(int index)
        => new(Padding + index % Columns * (PanelSide + Padding), TitleHeight + index / Columns * (PanelSide + CaptionHeight + Padding));

    /// <summary>The colour swatch of class <paramref name="classIndex"/> in the legend.</summary>
    public SKRectI Swatch(int classIndex) => SKRectI.Create(Padding, LegendTop + classIndex * LegendLineHeight + 2, SwatchSide, SwatchSide);
}

/// <summary>Per-class pictures of a multi-source test image: the frame with all boxes, then per class its heatmap
/// over the frame (jet colour map) with that class's boxes, and a legend with each class's colour, name and the
/// sounding/silent verdict next to the truth.</summary>
/// <remarks>Boxes are solid for sounding objects and dashed for silent ones. The typeface is loaded from a file because
/// the NoDependencies Skia build has no fontconfig; without a font file the text is skipped, the rest still drawn.</remarks>
public static class ClassHeatmapRenderer
{
    private static readonly SKColor[] Palette =
    [
        new(31, 119, 180), new(255, 127, 14), new(44, 160, 44), new(214, 39, 40), new(148, 103, 189),
        new(140, 86, 75), new(227, 119, 194), new(127, 127, 127), new(188, 189, 34), new(23, 190, 207),
    ];

    private static readonly Lazy<SKTypeface?> Typeface = new(LoadTypeface);

    /// <summary>The typeface captions are drawn in (DejaVu Sans where installed), null when no font file was found.</summary>
    public static SKTypeface? TextTypeface => Typeface.Value;

    public static SKColor ClassColour(int classIndex) => Palette[classIndex % Palette.Length];

    /// <summary>Draws and writes a PNG. <paramref name="frameRgb"/> is CHW in [0, 1] (not ImageNet-normalised).</summary>
    public static void Write(string path, string title, float[] frameRgb, int frameSize, IReadOnlyList<ClassPanel> classes)
    {
        using var bitmap = Render(title, frameRgb, frameSize, classes);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        using var file = File.Create(path);
        data.SaveTo(file);
    }

    public static SKBitmap Render(string title, float[] frameRgb, int frameSize, IReadOnlyList<ClassPanel> classes)
    {
        var layout = HeatmapLayout.For(classes.Count, frameSize);
        var bitmap = new SKBitmap(new SKImageInfo(layout.Width, layout.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(SKColors.White);
        using var font = new SKFont(Typeface.Value ?? SKTypeface.Default, 13);
        using var frame = FrameBitmap(frameRgb, frameSize);
        var sampling = new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.None);
        Text(canvas, title, HeatmapLayout.Padding, 18, font, SKColors.Black);

        var origin = layout.PanelOrigin(0);
        var rect = SKRect.Create(origin.X, origin.Y, layout.PanelSide, layout.PanelSide);
        canvas.DrawBitmap(frame, rect, sampling, null);
        for (var c = 0; c < classes.Count; c++)
            foreach (var box in classes[c].Boxes)
                DrawBox(canvas, rect, box, ClassColour(c), classes[c].TrulySounding == true);
        Text(canvas, "frame (dashed: silent)", rect.Left, rect.Bottom + 15, font, SKColors.Black);

        for (var c = 0; c < classes.Count; c++)
        {
            var panel = classes[c];
            origin = layout.PanelOrigin(c + 1);
            rect = SKRect.Create(origin.X, origin.Y, layout.PanelSide, layout.PanelSide);
            using (var dim = new SKPaint { ColorFilter = SKColorFilter.CreateBlendMode(new SKColor(0, 0, 0, 90), SKBlendMode.SrcOver) })
                canvas.DrawBitmap(frame, rect, sampling, dim);
            using (var heat = HeatBitmap(panel.Heatmap))
                canvas.DrawBitmap(heat, rect, sampling, null);
            foreach (var box in panel.Boxes)
                DrawBox(canvas, rect, box, ClassColour(c), panel.TrulySounding == true);
            using (var border = new SKPaint { Color = ClassColour(c), Style = SKPaintStyle.Stroke, StrokeWidth = 3 })
                canvas.DrawRect(rect, border);
            var caption =
                FitCaption($"{panel.Name}: {(panel.PredictedSounding ? "sounding" : "silent")} ({panel.Score:0.00})", font, layout.PanelSide);
            using (var small = new SKFont(font.Typeface, caption.Size))
                Text(canvas, caption.Text, rect.Left, rect.Bottom + 15, small, ClassColour(c));
        }

        for (var c = 0; c < classes.Count; c++)
        {
            var panel = classes[c];
            var swatch = layout.Swatch(c);
            using (var fill = new SKPaint { Color = ClassColour(c) })
                canvas.DrawRect(swatch, fill);
            var truth = panel.TrulySounding switch { true => "sounding", false => "silent", null => "not in image" };
            var agrees = panel.TrulySounding is { } t ? (t == panel.PredictedSounding ? "  ✓" : "  ✗") : "";
            Text(canvas,
                $"{panel.Name}: predicted {(panel.PredictedSounding ? "sounding" : "silent")} (peak {panel.Score:0.00}), truth {truth}{agrees}",
                swatch.Right + 6, swatch.Bottom - 1, font, SKColors.Black);
        }
        return bitmap;
    }

    /// <summary>A panel caption that fits <paramref name="width"/> pixels: the font shrinks down to 9 pt, then the text
    /// is cut with an ellipsis; long class names (acoustic_guitar, french_horn) ran into the next panel otherwise.</summary>
    public static (string Text, float Size) FitCaption(string text, SKFont font, float width)
    {
        const float smallest = 9f;
        using var probe = new SKFont(font.Typeface, font.Size);
        for (var size = font.Size; size >= smallest; size -= 0.5f)
        {
            probe.Size = size;
            if (probe.MeasureText(text) <= width)
                return (text, size);
        }

        probe.Size = smallest;
        var cut = text.Length;
        while (cut > 1 && probe.MeasureText(text[..cut] + "…") > width)
            cut--;
        return (text[..cut] + "…", smallest);
    }

    /// <summary>Jet colour map: blue → cyan → yellow → red over [0, 1].</summary>
    public static SKColor Jet(double value)
    {
        var v = Math.Clamp(value, 0, 1);
        static byte Channel(double x) => (byte)Math.Round(255 * Math.Clamp(1.5 - Math.Abs(x), 0, 1));
        return new SKColor(Channel(4 * v - 3), Channel(4 * v - 2), Channel(4 * v - 1));
    }

    internal static SKBitmap FrameBitmap(float[] rgb, int size)
    {
        var bitmap = new SKBitmap(new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Premul));
        var plane = size * size;
        for (var y = 0; y < size; y++)
            for (var x = 0; x < size; x++)
            {
                var i = y * size + x;
                static byte B(float v) => (byte)Math.Round(255 * Math.Clamp(v, 0, 1));
                bitmap.SetPixel(x, y, new SKColor(B(rgb[i]), B(rgb[plane + i]), B(rgb[2 * plane + i])));
            }
        return bitmap;
    }

    private static SKBitmap HeatBitmap(float[,] map)
    {
        var (rows, columns) = (map.GetLength(0), map.GetLength(1));
        var bitmap = new SKBitmap(new SKImageInfo(columns, rows, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < columns; c++)
                // Quiet pixels are nearly transparent so the frame stays readable under a silent class's map.
                bitmap.SetPixel(c, r, Jet(map[r, c]).WithAlpha((byte)(40 + 170 * Math.Clamp(map[r, c], 0, 1))));
        return bitmap;
    }

    private static void DrawBox(SKCanvas canvas, SKRect panel, NormalizedBox box, SKColor colour, bool sounding)
    {
        using var paint = new SKPaint { Color = colour, Style = SKPaintStyle.Stroke, StrokeWidth = 2, IsAntialias = true };
        if (!sounding)
            paint.PathEffect = SKPathEffect.CreateDash([5, 4], 0);
        canvas.DrawRect(SKRect.Create(panel.Left + (float)box.X * panel.Width, panel.Top + (float)box.Y * panel.Height,
            (float)box.Width * panel.Width, (float)box.Height * panel.Height), paint);
    }

    private static void Text(SKCanvas canvas, string text, float x, float y, SKFont font, SKColor colour)
    {
        if (Typeface.Value is null)
            return;
        using var paint = new SKPaint { Color = colour, IsAntialias = true };
        canvas.DrawText(text, x, y, SKTextAlign.Left, font, paint);
    }

    private static SKTypeface? LoadTypeface()
    {
        string[] candidates =
            ["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/TTF/DejaVuSans.ttf", "/Library/Fonts/Arial.ttf",
                @"C:\Windows\Fonts\arial.ttf"];
        return candidates.Where(File.Exists).Select(SKTypeface.FromFile).FirstOrDefault(t => t is not null);
    }
}
