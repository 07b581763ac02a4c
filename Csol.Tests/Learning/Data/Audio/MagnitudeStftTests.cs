using Csol.Learning.Data.Audio;
using Xunit;

namespace Csol.Tests.Learning.Data.Audio;

[Trait("Category", "unit")]
[Collection(nameof(MagnitudeStftTests))] // its own collection: runs in parallel
public sealed class MagnitudeStftTests
{
    private static float[] Sine(double hz, int samples, double amplitude = 1) =>
        [.. Enumerable.Range(0, samples).Select(i => (float)(amplitude * Math.Sin(2 * Math.PI * hz * i / 16000)))];

    [Fact]
    public void OneSecond_Gives201FramesOf81Bins()
    {
        var stft = new MagnitudeStft(160, 80);

        Assert.Equal(81, stft.Bins);
        Assert.Equal(201, stft.FrameCount(16000));
    }

    [Fact]
    public void SineAtABinFrequency_PeaksAtThatBinWithHalfTheWindowSum()
    {
        // 1000 Hz = bin 10 (100 Hz bins). For a full interior frame, |X[10]| = A·Σw/2 = A·80/2 = 40·A
        // (the periodic Hann window of length 160 sums to 80), and the neighbouring bins get A·Σw/4 = 20·A.
        var stft = new MagnitudeStft(160, 80);
        var magnitude = new double[201 * 81];

        stft.Compute(Sine(1000, 16000, 0.5), magnitude);

        var frame = magnitude.AsSpan(100 * 81, 81);
        Assert.Equal(20, frame[10], 6);
        Assert.Equal(10, frame[9], 6);
        Assert.Equal(10, frame[11], 6);
        Assert.Equal(0, frame[30], 6);
    }

    [Fact]
    public void EdgeFrames_SeeHalfAWindowOfSignalBesideTheZeroPadding()
    {
        // center=True with zero padding: frame 0 is 80 zeros then samples 0..79 under w[80..159]. The periodic Hann
        // window is symmetric about its peak w[80] = 1 with w[0] = 0 and Σw = 80, so Σ_{n=81}^{159} w[n] = 79/2:
        // a constant 1 gives X[0] = 1 + 39.5 = 40.5 in frame 0, 80 inside, and 0 + 39.5 in frame 200 (w[0..79]).
        var stft = new MagnitudeStft(160, 80);
        var magnitude = new double[201 * 81];

        stft.Compute(Enumerable.Repeat(1f, 16000).ToArray(), magnitude);

        Assert.Equal(40.5, magnitude[0], 9);
        Assert.Equal(80, magnitude[100 * 81], 9);
        Assert.Equal(39.5, magnitude[200 * 81], 9);
    }
}
