using Csol.Learning.Data.Audio;
using Xunit;

namespace Csol.Tests.Learning.Data.Audio;

[Trait("Category", "unit")]
[Collection(nameof(MelFilterbankTests))] // its own collection: runs in parallel
public sealed class MelFilterbankTests
{
    private static readonly MelFilterbank Bank = new(16000, 160, 64, 0, 8000);

    // Edges below 1000 Hz are i·Δ with Δ = (200/3)·(15 + 27·ln 8 / ln 6.4)/65 = 46.4058 Hz; bins are k·100 Hz.
    private static readonly double Delta = 200.0 / 3 * (15 + 27 * Math.Log(8) / Math.Log(6.4)) / 65;

    [Fact]
    public void Shape_Is64By81()
    {
        Assert.Equal(64, Bank.MelBands);
        Assert.Equal(81, Bank.Bins);
    }

    [Fact]
    public void Filter1AtBin1_IsTheFallingRampTimesTheSlaneyNorm()
    {
        // Filter 1 spans Δ..3Δ (46.4..139.2 Hz) and peaks at 2Δ; 100 Hz is on its falling side:
        // upper = (3Δ − 100)/Δ = 0.845, lower = (100 − Δ)/Δ = 1.155, so the triangle is 0.845;
        // slaney norm = 2/(3Δ − Δ) = 1/Δ; weight = (3Δ − 100)/Δ² = 0.0182110.
        var expected = (3 * Delta - 100) / (Delta * Delta);

        Assert.Equal(0.018211010876183306, expected, 1e-12);
        Assert.Equal((float)expected, Bank.Weight(1, 1), 6);
        Assert.Equal(0f, Bank.Weight(1, 0));
        Assert.Equal(0f, Bank.Weight(1, 2));
    }

    [Fact]
    public void Filter2AtBin1_IsTheRisingRamp()
    {
        // Filter 2 spans 2Δ..4Δ: lower = (100 − 2Δ)/Δ = 0.155, norm = 1/Δ → weight = (100 − 2Δ)/Δ² = 0.0033380.
        Assert.Equal((float)((100 - 2 * Delta) / (Delta * Delta)), Bank.Weight(2, 1), 6);
    }

    [Fact]
    public void EmptyFilters_ArePresentAsInLibrosa()
    {
        // Filter 0 spans 0..2Δ = 0..92.8 Hz: bin 0 sits on its zero edge and bin 1 (100 Hz) is past it.
        // Filter 13 spans 13Δ..15Δ = 603.3..696.1 Hz, between bins 6 and 7.
        Assert.Equal([0, 13], Bank.EmptyBands);
        Assert.All(Enumerable.Range(0, 81), k => Assert.Equal(0f, Bank.Weight(0, k)));
    }

    [Fact]
    public void Apply_SumsWeightsTimesSpectrum()
    {
        var ones = Enumerable.Repeat(1.0, 81).ToArray();
        var mel = new double[64];

        Bank.Apply(ones, mel);

        // Row sums: a constant spectrum of 1 gives each band the sum of its weights.
        for (var m = 0; m < 64; m++)
            Assert.Equal(Enumerable.Range(0, 81).Sum(k => (double)Bank.Weight(m, k)), mel[m], 12);
        Assert.Equal(0.018211010876183306, mel[1], 6); // filter 1 covers only bin 1
        Assert.Equal(0, mel[13]);
    }
}
