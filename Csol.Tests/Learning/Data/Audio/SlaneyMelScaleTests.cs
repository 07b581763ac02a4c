using Csol.Learning.Data.Audio;
using Xunit;

namespace Csol.Tests.Learning.Data.Audio;

[Trait("Category", "unit")]
[Collection(nameof(SlaneyMelScaleTests))] // its own collection: runs in parallel
public sealed class SlaneyMelScaleTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(500, 7.5)]        // linear part: 500 / (200/3)
    [InlineData(1000, 15)]        // the break point
    [InlineData(6400, 42)]        // 15 + ln(6.4) / (ln(6.4)/27) = 15 + 27
    [InlineData(2000, 15 + 27 * 0.69314718055994531 / 1.8562979903656263)] // 15 + 27·ln 2 / ln 6.4
    public void HzToMel_MatchesTheFormula(double hz, double mel)
    {
        Assert.Equal(mel, SlaneyMelScale.HzToMel(hz), 1e-9);
        Assert.Equal(hz, SlaneyMelScale.MelToHz(mel), 1e-9);
    }

    [Fact]
    public void MelFrequencies_AreEvenlySpacedInMelFromFminToFmax()
    {
        var hz = SlaneyMelScale.MelFrequencies(66, 0, 8000);

        Assert.Equal(0, hz[0]);
        Assert.Equal(8000, hz[^1], 1e-9);
        // Below 1000 Hz the scale is linear, so the first edges are multiples of Δ = (200/3)·mel(8000)/65.
        var delta = 200.0 / 3 * SlaneyMelScale.HzToMel(8000) / 65;
        Assert.Equal(46.405785099410224, delta, 1e-9);
        Assert.Equal(3 * delta, hz[3], 1e-9);
    }
}
