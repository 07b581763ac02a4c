using Csol.Learning.Data.Audio;
using Csol.Learning.Data.Synthesis;
using Xunit;

namespace Csol.Tests.Learning.Data.Synthesis;

[Trait("Category", "unit")]
public sealed class DuetSynthesizerTests
{
    [Fact]
    public void Generate_TwoClassesSideBySide_BothSounding()
    {
        var pool = SoloClipPool.Create(classes: 3, clipsPerClass: 1, withBoxes: false);

        foreach (var sample in new DuetSynthesizer(new LogMelExtractor(), new SynthesisOptions(CompositeSize: 32)).Generate(pool, 3, seed: 4))
            using (sample)
            {
                Assert.NotEqual(sample.Boxes[0].ClassIndex, sample.Boxes[1].ClassIndex);
                Assert.All(sample.Boxes, b => Assert.True(b.Sounding));
                Assert.Equal(new Csol.Learning.Data.NormalizedBox(0, 0, 0.5, 1), sample.Boxes[0].Box);
                Assert.Equal(new Csol.Learning.Data.NormalizedBox(0.5, 0, 0.5, 1), sample.Boxes[1].Box);
            }
    }
}
