using Csol.Learning.Data.Clipart;
using SkiaSharp;
using Xunit;

namespace Csol.Tests.Learning.Data.Clipart;

[Trait("Category", "host")]
public sealed class ClipartCatalogueTests
{
    private static readonly ClipartCatalogue Catalogue = ClipartCatalogue.Scan(ClipartTools.Default.MusicFolder);

    [Fact]
    public void Scan_FindsAtLeastEightClassesWithPictures()
    {
        Assert.True(Catalogue.Classes.Count >= 8, $"only {Catalogue.Classes.Count} classes");
        Assert.All(Catalogue.Classes, c => Assert.NotEmpty(c.Train));
        Assert.All(Catalogue.Classes, c => Assert.NotEmpty(c.Test));
        Assert.Contains(Catalogue.Classes, c => c.Instrument.Name == "violin");
        Assert.Contains(Catalogue.Classes, c => c.Instrument.Name == "acoustic_guitar");
    }

    [Fact]
    public void Scan_KeepsTrainAndTestPicturesApartWhereAClassHasSeveral()
    {
        foreach (var c in Catalogue.Classes.Where(c => c.Train.Union(c.Test).Count() >= 2))
            Assert.Empty(c.Train.Intersect(c.Test));
        Assert.Contains(Catalogue.Classes, c => !c.Shared);
    }

    [Fact]
    public void Scan_LeavesOutElectricGuitarsAndTrumpetMutes()
    {
        var all = Catalogue.Classes.SelectMany(c => c.Train.Concat(c.Test)).Select(Path.GetFileName).ToList();
        Assert.DoesNotContain(all, f => f!.Contains("electric", StringComparison.Ordinal) || f.Contains("mute", StringComparison.Ordinal));
        Assert.NotEmpty(Catalogue.Distractors);
    }

    [Fact]
    public void OpaqueBounds_IsTheBoxOfTheDrawnPixels()
    {
        using var layer = new SKBitmap(new SKImageInfo(40, 30, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(layer))
        {
            canvas.Clear(SKColors.Transparent);
            using var solid = new SKPaint { Color = SKColors.Red };
            using var faint = new SKPaint { Color = SKColors.Red.WithAlpha(30) }; // a shadow below the threshold
            canvas.DrawRect(5, 7, 10, 4, solid);
            canvas.DrawRect(20, 2, 1, 1, faint);
        }

        Assert.Equal(new SKRectI(5, 7, 15, 11), OpaqueBounds.Find(layer));
    }
}
