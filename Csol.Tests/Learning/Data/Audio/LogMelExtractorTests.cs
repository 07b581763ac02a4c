using Csol.Silo.Benchmarks;
using Csol.Learning.Data.Audio;
using Xunit;

namespace Csol.Tests.Learning.Data.Audio;

[Trait("Category", "unit")]
public sealed class LogMelExtractorTests
{
    private static readonly LogMelExtractor Extractor = new();

    private static float[] Sine(double hz, int samples) =>
        [.. Enumerable.Range(0, samples).Select(i => (float)(0.5 * Math.Sin(2 * Math.PI * hz * i / 16000)))];

    [Fact]
    public void Compute_OneSecond_Gives201By64WithinAn80DbRange()
    {
        var logMel = Extractor.Compute(Sine(1000, 16000));

        Assert.Equal(201, logMel.GetLength(0));
        Assert.Equal(64, logMel.GetLength(1));
        var values = logMel.Cast<float>().ToArray();
        Assert.Equal(80, values.Max() - values.Min(), 3);
    }

    [Fact]
    public void Compute_SineAtBin10_PutsTheMaximumInTheBandsCoveringBin10()
    {
        // |X[10]| = 20 for a 0.5 amplitude, neighbours 10; the band maximum is whichever filter weighs bin 10 most.
        var logMel = Extractor.Compute(Sine(1000, 16000));
        var expectedBand = Enumerable.Range(0, 64).MaxBy(m =>
            20 * Extractor.Filterbank.Weight(m, 10) + 10 * (Extractor.Filterbank.Weight(m, 9) + Extractor.Filterbank.Weight(m, 11)));

        var loudest = Enumerable.Range(0, 64).MaxBy(m => logMel[100, m]);

        Assert.Equal(expectedBand, loudest);
    }

    [Fact]
    public void Compute_EmptyBands_SitAtTheFloor()
    {
        var logMel = Extractor.Compute(Sine(1000, 16000));
        var max = logMel.Cast<float>().Max();

        Assert.All(Enumerable.Range(0, 201), t => Assert.Equal(max - 80, logMel[t, 13], 3));
    }

    [Fact]
    public void Compute_WrongLength_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => Extractor.Compute(new float[15999]));

        Assert.Contains("exactly 16000 samples", e.Message);
    }

    [Fact]
    public void ComputeSeconds_DropsThePartialLastSecondAndMatchesPerSecondCompute()
    {
        var waveform = Sine(440, 2 * 16000 + 5000);

        var seconds = Extractor.ComputeSeconds(waveform);

        Assert.Equal(2, seconds.Count);
        Assert.Equal(Extractor.Compute(waveform.AsSpan(16000, 16000)), seconds[1]);
    }

    [Fact]
    public void Benchmark_Measures()
    {
        var result = LogMelBenchmark.Measure(5);

        Assert.Equal(5, result.AudioSeconds);
    }
}
