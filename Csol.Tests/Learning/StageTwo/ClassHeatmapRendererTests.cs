using Csol.Learning.Data;
using Csol.Learning.Evaluation;
using Csol.Tests.Support;
using SkiaSharp;
using Xunit;

namespace Csol.Tests.Learning.StageTwo;

[Trait("Category", "unit")]
public sealed class ClassHeatmapRendererTests
{
    [Fact]
    public void Write_ThreeClasses_PngOfLayoutSizeWithLegendSwatches()
    {
        using var temp = TestPaths.NewTempDirectory("csol-picture");
        var path = Path.Combine(temp.Path, "pictures", "0001.png");
        const int size = 32;
        var frame = Enumerable.Repeat(0.5f, 3 * size * size).ToArray();
        var hot = new float[4, 4];
        hot[1, 2] = 0.9f;
        ClassPanel[] classes =
        [
            new("square", hot, true, true, [new NormalizedBox(0.1, 0.1, 0.3, 0.3)], 0.9),
            new("disc", new float[4, 4], false, false, [new NormalizedBox(0.6, 0.1, 0.3, 0.3)], 0.1),
            new("ring", new float[4, 4], false, null, [], 0.05),
        ];

        ClassHeatmapRenderer.Write(path, "test image 1", frame, size, classes);

        using var decoded = SKBitmap.Decode(path);
        var layout = HeatmapLayout.For(classes: 3, frameSize: size);
        Assert.Equal((layout.Width, layout.Height), (decoded.Width, decoded.Height));
        for (var c = 0; c < classes.Length; c++)
        {
            var swatch = layout.Swatch(c);
            Assert.Equal(ClassHeatmapRenderer.ClassColour(c), decoded.GetPixel(swatch.MidX, swatch.MidY));
            // Legend text right of the swatch: some dark pixels on that line.
            var line =
                Enumerable.Range(swatch.Right + 6, 200)
                .SelectMany(x => Enumerable.Range(swatch.Top, swatch.Height).Select(y => decoded.GetPixel(x, y)));
            Assert.Contains(line, p => p.Red < 100 && p.Green < 100 && p.Blue < 100);
        }
    }

    [Theory]
    [InlineData("acoustic_guitar: sounding (0.87)")]
    [InlineData("french_horn: silent (0.12)")]
    [InlineData("a_class_name_far_too_long_for_any_panel_at_all: sounding (1.00)")]
    public void FitCaption_LongClassNames_FitThePanelWidth(string caption)
    {
        // The renderer's own font (setup.sh installs DejaVu): the default typeface of Skia's NoDependencies build
        // measures every text as 0 px wide, which would let any caption "fit".
        var typeface = ClassHeatmapRenderer.TextTypeface;
        Assert.NotNull(typeface);
        using var font = new SKFont(typeface, 13);
        var panel = HeatmapLayout.For(classes: 13, frameSize: 112).PanelSide;

        var (text, size) = ClassHeatmapRenderer.FitCaption(caption, font, panel);

        using var fitted = new SKFont(typeface, size);
        Assert.True(fitted.MeasureText(text) <= panel, $"'{text}' at {size} pt is wider than {panel} px");
        Assert.InRange(size, 9f, 13f);
        Assert.True(text == caption || text.EndsWith('…'), text);
    }

    [Fact]
    public void FitCaption_ShortCaption_KeepsTextAndSize()
    {
        using var font = new SKFont(ClassHeatmapRenderer.TextTypeface, 13);
        Assert.Equal(("drum: silent (0.10)", 13f), ClassHeatmapRenderer.FitCaption("drum: silent (0.10)", font, 160));
    }

    [Fact]
    public void Jet_EndsAreBlueAndRed()
    {
        Assert.Equal(new SKColor(0, 0, 128), ClassHeatmapRenderer.Jet(0));
        Assert.Equal(new SKColor(128, 0, 0), ClassHeatmapRenderer.Jet(1));
    }
}
