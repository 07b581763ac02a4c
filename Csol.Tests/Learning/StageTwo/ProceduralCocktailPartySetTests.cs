using Csol.Learning.Data;
using Csol.Learning.Experiments;
using Xunit;

namespace Csol.Tests.Learning.StageTwo;

[Trait("Category", "unit")]
public sealed class ProceduralCocktailPartySetTests
{
    private static readonly ProceduralDataConfig Data = new() { Classes = 6, ImageSize = 32, AudioFrames = 16, MelBands = 16 };

    [Fact]
    public void CombineDb_AddsInThePowerDomain()
    {
        // −10 dB + −10 dB = 10·log10(0.2) ≈ −6.99 dB; −20 dB + −80 dB stays ≈ −20 dB; a +3 dB gain on −10 dB gives −7.
        var mix = ProceduralCocktailPartySet.CombineDb([[-10f, -20f, -10f], [-10f, -80f, -200f]], [0, 0]);
        var gained = ProceduralCocktailPartySet.CombineDb([[-10f]], [3]);

        Assert.Equal(10 * Math.Log10(0.2), mix[0], 4);
        Assert.Equal(-20, mix[1], 3);
        Assert.Equal(-10, mix[2], 4);
        Assert.Equal(-7, gained[0], 4);
    }

    [Fact]
    public void Generate_FourClassesTwoSoundingBoxesInTheirQuadrants_Seeded()
    {
        var set = ProceduralCocktailPartySet.Generate(Data, 12, seed: 4);
        var again = ProceduralCocktailPartySet.Generate(Data, 12, seed: 4);

        foreach (var composite in set.Composites)
        {
            Assert.Equal(4, composite.Objects.Select(o => o.ClassIndex).Distinct().Count());
            Assert.Equal(2, composite.Objects.Count(o => o.Sounding));
            for (var slot = 0; slot < 4; slot++)
            {
                var box = composite.Objects[slot].Box;
                var (left, top) = (slot % 2 * 0.5, slot / 2 * 0.5);
                Assert.InRange(box.X, left - 1e-9, left + 0.5);
                Assert.InRange(box.X + box.Width, left, left + 0.5 + 1e-9);
                Assert.InRange(box.Y, top - 1e-9, top + 0.5);
                Assert.InRange(box.Y + box.Height, top, top + 0.5 + 1e-9);
            }
        }
        Assert.Equal(set.Composites.Select(c => c.Audio), again.Composites.Select(c => c.Audio));
        Assert.Equal(set.Composites.Select(c => c.Objects), again.Composites.Select(c => c.Objects));
        // Category-balanced: 12 composites × 4 slots over 6 classes = 8 each.
        Assert.All(set.Composites.SelectMany(c => c.Objects).GroupBy(o => o.ClassIndex), g => Assert.Equal(8, g.Count()));
    }

    [Fact]
    public void PickNegative_SixClasses_ShowsAsFewHeardClassesAsTheSetAllows()
    {
        var set = ProceduralCocktailPartySet.Generate(Data, 60, seed: 2);
        var random = new Random(1);

        for (var i = 0; i < set.Composites.Count; i++)
        {
            var negative = set.PickNegative(i, random);
            var heard = set.Composites[i].SoundingClasses.ToHashSet();
            int Overlap(int j) => set.Composites[j].Objects.Count(o => heard.Contains(o.ClassIndex));
            var fewest = Enumerable.Range(0, set.Composites.Count).Where(j => j != i).Min(Overlap);

            Assert.NotEqual(i, negative);
            Assert.Equal(fewest, Overlap(negative));
        }
    }
}
