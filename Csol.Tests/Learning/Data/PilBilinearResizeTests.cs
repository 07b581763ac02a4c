using Csol.Learning.Data.Images;
using Xunit;

namespace Csol.Tests.Learning.Data;

/// <summary>PIL's antialiased bilinear resize, bit for bit (tolerance 0): hand-computed 1-D cases and values PIL 9.4
/// (Debian python3-pil) produced for a formula image, which the test regenerates.</summary>
[Trait("Category", "unit")]
public sealed class PilBilinearResizeTests
{
    private static byte[] Grey(params byte[] row) => row.SelectMany(v => new[] { v, v, v, (byte)255 }).ToArray();

    private static byte[] Channel(byte[] rgba, int channel) => rgba.Where((_, i) => i % 4 == channel).ToArray();

    [Fact]
    public void Halving_WeighsFourPixelsOneThreeThreeOne()
    {
        // 4 → 2: scale 2, support 2. Output 0 (centre 1.0) takes pixels 0, 1, 2 at triangle((j + 0.5 − 1)/2) =
        // 0.75, 0.75, 0.25 (pixel −1 is outside, so the weights renormalise by 1.75): 0.25·255/1.75 = 36.4 → 36;
        // output 1 (centre 3.0): pixels 1, 2, 3 at 0.25, 0.75, 0.75: 1.5·255/1.75 = 218.6 → 219. Skia's linear
        // filter samples between pixels 0–1 and 2–3 instead: 0 and 255. PIL prints [36, 219].
        var resized = PilBilinearResize.Resize(Grey(0, 0, 255, 255), 4, 1, 2, 1);

        Assert.Equal(new byte[] { 36, 219 }, Channel(resized, 0));
        Assert.Equal(new byte[] { 255, 255 }, Channel(resized, 3));
    }

    [Fact]
    public void StepEdge_IsSpreadOverTheScaledSupport()
    {
        // 8 → 4, a step 0 | 200 between pixels 3 and 4. Output 1 (centre 3.0) weighs pixels 1–4 at 0.25, 0.75, 0.75,
        // 0.25 (sum 2): 0.25·200/2 = 25; output 2 mirrors it: 175. 8 → 3 (scale 8/3): the middle output is 100.
        Assert.Equal(new byte[] { 0, 25, 175, 200 }, Channel(PilBilinearResize.Resize(Grey(0, 0, 0, 0, 200, 200, 200, 200), 8, 1, 4, 1), 0));
        Assert.Equal(new byte[] { 0, 100, 200 }, Channel(PilBilinearResize.Resize(Grey(0, 0, 0, 0, 200, 200, 200, 200), 8, 1, 3, 1), 0));
    }

    [Fact]
    public void OneRow_MatchesPil()
    {
        var row = Grey(10, 20, 30, 40, 50, 60, 70, 80);
        Assert.Equal(new byte[] { 29, 61 }, Channel(PilBilinearResize.Resize(row, 8, 1, 2, 1), 0));
        Assert.Equal(new byte[] { 21, 45, 69 }, Channel(PilBilinearResize.Resize(row, 8, 1, 3, 1), 0));
        Assert.Equal(new byte[] { 14, 29, 45, 61, 76 }, Channel(PilBilinearResize.Resize(row, 8, 1, 5, 1), 0));
        Assert.Equal(new byte[] { 10, 15, 22, 28, 35, 42, 48, 55, 62, 68, 75, 80 }, Channel(PilBilinearResize.Resize(row, 8, 1, 12, 1), 0));
    }

    [Theory]
    // Image.fromarray(img, 'RGB').resize((w, h), Image.BILINEAR) in PIL 9.4: sum, three pixels, Σ (v · flat index) mod 1000003.
    [InlineData(24, 16, 146229L, new[] { 0, 0, 115, 140, 151, 7, 11, 150, 149, 100, 15, 23, 151, 120, 131 }, 84277162L)]
    [InlineData(80, 50, 1523902L, new[] { 0, 0, 0, 53, 106, 25, 40, 153, 45, 98, 49, 79, 231, 28, 81 }, 5163044704L)]
    public void FormulaImage_MatchesPilInBothDirections(int outWidth, int outHeight, long sum, int[] samples, long weighted)
    {
        const int width = 61, height = 37;
        var rgba = new byte[width * height * 4];
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
            {
                for (var c = 0; c < 3; c++)
                    rgba[(y * width + x) * 4 + c] = (byte)((x * 37 + y * 101 + c * 53 + (x * y) % 17 * 7) % 256);
                rgba[(y * width + x) * 4 + 3] = 255;
            }

        var resized = PilBilinearResize.Resize(rgba, width, height, outWidth, outHeight);

        long total = 0, weightedTotal = 0;
        for (var i = 0; i < outWidth * outHeight; i++)
            for (var c = 0; c < 3; c++)
            {
                long v = resized[i * 4 + c];
                total += v;
                weightedTotal += v * (i * 3 + c) % 1000003;
            }
        Assert.Equal(sum, total);
        Assert.Equal(weighted, weightedTotal);
        for (var s = 0; s < samples.Length; s += 5)
        {
            var p = (samples[s] * outWidth + samples[s + 1]) * 4;
            Assert.Equal(samples[(s + 2)..(s + 5)], new int[] { resized[p], resized[p + 1], resized[p + 2] });
        }
    }

    [Fact]
    public void WrongBufferSize_IsRefused()
        => Assert.Throws<ArgumentException>(() => PilBilinearResize.Resize(new byte[10], 2, 2, 1, 1));
}
