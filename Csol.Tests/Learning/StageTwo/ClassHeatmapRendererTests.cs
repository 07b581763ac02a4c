using Csol.Learning.Data;
using Csol.Learning.Evaluation;
using Csol.Tests.Support;
using SkiaSharp;
using Xunit;

namespace Csol.Tests.Learning.StageTwo;

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
            var line = Enumerable.Range(swatch.Right + 6, 200).SelectMany(x => Enumerable.Range(swatch.Top, swatch.Height).Select(y => decoded.GetPixel(x, y)));
            Assert.Contains(line, p => p.Red < 100 && p.Green < 100 && p.Blue < 100);
        }
    }

    [Fact]
    public void Jet_EndsAreBlueAndRed()
    {
        Assert.Equal(new SKColor(0, 0, 128), ClassHeatmapRenderer.Jet(0));
        Assert.Equal(new SKColor(128, 0, 0), ClassHeatmapRenderer.Jet(1));
    }
}
