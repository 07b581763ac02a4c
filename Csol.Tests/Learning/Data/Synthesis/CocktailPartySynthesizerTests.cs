using System.Security.Cryptography;
using Csol.Learning.Data.Audio;
using Csol.Learning.Data.Music;
using Csol.Learning.Data.Synthesis;
using Csol.Tests.Support;
using Xunit;

namespace Csol.Tests.Learning.Data.Synthesis;

[Trait("Category", "unit")]
public sealed class CocktailPartySynthesizerTests
{
    private static readonly LogMelExtractor Extractor = new();
    private static readonly SynthesisOptions Small = new(CompositeSize: 64);

    [Fact]
    public void Generate_FourDifferentClasses_TwoSounding_BoxesInTheirQuadrants()
    {
        var pool = SoloClipPool.Create(classes: 6, clipsPerClass: 2);

        foreach (var sample in new CocktailPartySynthesizer(Extractor, Small).Generate(pool, 12, seed: 1))
            using (sample)
            {
                Assert.Equal(4, sample.Boxes.Select(b => b.ClassIndex).Distinct().Count());
                Assert.Equal(2, sample.Boxes.Count(b => b.Sounding));
                Assert.Equal((201, 64), (sample.LogMel.GetLength(0), sample.LogMel.GetLength(1)));
                for (var q = 0; q < 4; q++)
                {
                    var (x0, y0) = (q % 2 * 0.5, q / 2 * 0.5);
                    var b = sample.Boxes[q].Box;
                    Assert.InRange(b.X, x0, x0 + 0.5);
                    Assert.InRange(b.X + b.Width, x0, x0 + 0.5 + 1e-9);
                    Assert.InRange(b.Y, y0, y0 + 0.5);
                    Assert.InRange(b.Y + b.Height, y0, y0 + 0.5 + 1e-9);
                }
            }
    }

    [Fact]
    public void Generate_OverWholeRounds_UsesEveryClassEquallyOften()
    {
        var pool = SoloClipPool.Create(classes: 7, clipsPerClass: 1);

        var counts = new int[7];
        foreach (var sample in new CocktailPartySynthesizer(Extractor, Small).Generate(pool, 14, seed: 2))
            using (sample)
                foreach (var box in sample.Boxes)
                    counts[box.ClassIndex]++;

        Assert.All(counts, c => Assert.Equal(8, c));
    }

    [Fact]
    public void WriteSet_SameSeed_GivesIdenticalBytes_ThatReadBack()
    {
        var pool = SoloClipPool.Create(classes: 5, clipsPerClass: 2);
        using var a = TestPaths.NewTempDirectory("syn");
        using var b = TestPaths.NewTempDirectory("syn");
        var synthesizer = new CocktailPartySynthesizer(Extractor, Small);

        synthesizer.WriteSet(a.Path, pool, 4, seed: 3);
        synthesizer.WriteSet(b.Path, pool, 4, seed: 3);

        string Hash(string root) => Convert.ToHexString(SHA256.HashData(Directory.GetFiles(root, "*", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal).SelectMany(File.ReadAllBytes).ToArray()));
        Assert.Equal(Hash(a.Path), Hash(b.Path));
        var samples = MusicSyntheticReader.ReadFolder(a.Path);
        Assert.Equal(4, samples.Count);
        Assert.Equal(2, MusicSyntheticReader.ReadBoxes(samples[0].BoxPath!).Count(x => x.Sounding));
    }

    [Fact]
    public void Generate_TooFewClasses_IsRejected()
    {
        var error =
            Assert.Throws<ArgumentException>(() => new CocktailPartySynthesizer(Extractor, Small).Generate(SoloClipPool.Create(3, 2), 1, 0).ToList());

        Assert.Contains("4 different classes", error.Message);
    }
}
