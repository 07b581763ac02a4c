using Csol.Learning.Data;
using Csol.Learning.Detection;
using Csol.Learning.Experiments;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace Csol.Tests.Learning.Detection;

[Trait("Category", "unit")]
public sealed class CenterNetTests
{
    [Fact]
    public void Detector_Shapes_FollowTheStride()
    {
        using var net = new CenterNetDetector(classes: 3, baseWidth: 4, new DetectorConfig { HeadChannels = 8, UpsampleLayers = 2 });
        using var images = randn(2, 3, 64, 64);

        using var output = net.forward(images);

        Assert.Equal(4, net.Stride);
        Assert.Equal([2L, 3, 16, 16], output.HeatmapLogits.shape);
        Assert.Equal([2L, 2, 16, 16], output.Size.shape);
        Assert.Equal([2L, 2, 16, 16], output.Offset!.shape);
        // CenterNet's prior: every cell starts near probability .1.
        Assert.InRange(nn.functional.sigmoid(output.HeatmapLogits).mean().item<float>(), 0.02, 0.3);
        using var noOffset = new CenterNetDetector(3, 4, new DetectorConfig { HeadChannels = 8, UpsampleLayers = 0, OffsetWeight = 0 });
        using var plain = noOffset.forward(images);
        Assert.Null(plain.Offset);
        Assert.Equal([2L, 3, 4, 4], plain.HeatmapLogits.shape);
    }

    [Fact]
    public void GaussianRadius_OfASquare_IsTheShrinkCase()
    {
        // Square of side s, o = .7: shifted r = s(1 − √(1 − .3/1.7)) = .0925s; shrunk (4r² − 4sr + .3s² = 0) r = s(4 − √11.2)/8
        // = .0817s; grown (2.8r² + 2.8sr − .3s² = 0) r = s(−2.8 + √11.2)/5.6 = .0976s. The smallest: shrunk.
        Assert.Equal(16 * (4 - Math.Sqrt(11.2)) / 8, CenterNetTargets.GaussianRadius(16, 16, 0.7), 9);
        Assert.Equal(1.3067, CenterNetTargets.GaussianRadius(16, 16, 0.7), 4);
    }

    [Fact]
    public void Encode_HandComputedTargets()
    {
        // Grid 16. Box A: the whole frame → centre (8, 8), 16×16 cells, radius ⌊1.307⌋ = 1, σ = 3/6 = .5:
        // neighbours exp(−1/(2·.25)) = e^−2, diagonals e^−4, nothing at distance 2.
        // Box B (class 1): x .1, y .2, w .125, h .0625 → centre (2.6, 3.7) → cell (2, 3), offset (.6, .7), size 2×1, radius 0.
        var boxes = new (int, NormalizedBox)[] { (0, new NormalizedBox(0, 0, 1, 1)), (1, new NormalizedBox(0.1, 0.2, 0.125, 0.0625)) };

        var target = CenterNetTargets.Encode(boxes, classes: 2, grid: 16, minOverlap: 0.7);

        const int plane = 256;
        float At(float[] values, int channel, int y, int x) => values[channel * plane + y * 16 + x];
        Assert.Equal(1f, At(target.Heatmap, 0, 8, 8));
        Assert.Equal(Math.Exp(-2), At(target.Heatmap, 0, 8, 9), 6);
        Assert.Equal(Math.Exp(-2), At(target.Heatmap, 0, 7, 8), 6);
        Assert.Equal(Math.Exp(-4), At(target.Heatmap, 0, 9, 9), 6);
        Assert.Equal(0f, At(target.Heatmap, 0, 8, 10));
        Assert.Equal(1f, At(target.Heatmap, 1, 3, 2));
        Assert.Equal(1f, target.Heatmap.Skip(plane).Sum()); // radius 0: the centre alone
        Assert.Equal(2, target.Mask.Sum());
        Assert.Equal((16f, 16f), (At(target.Size, 0, 8, 8), At(target.Size, 1, 8, 8)));
        Assert.Equal((0f, 0f), (At(target.Offset, 0, 8, 8), At(target.Offset, 1, 8, 8)));
        Assert.Equal(2.0, At(target.Size, 0, 3, 2), 5);
        Assert.Equal(1.0, At(target.Size, 1, 3, 2), 5);
        Assert.Equal(0.6, At(target.Offset, 0, 3, 2), 5);
        Assert.Equal(0.7, At(target.Offset, 1, 3, 2), 5);
    }

    [Fact]
    public void FocalLoss_HandComputed()
    {
        // Two cells: a centre with p = .5 → −(.5²·ln .5); a non-centre with y = .5, p = .5 → −(.5⁴·.5²·ln .5). N = 1.
        using var logits = tensor(new float[] { 0, 0 }, [1, 1, 1, 2]);
        using var target = tensor(new float[] { 1, 0.5f }, [1, 1, 1, 2]);

        using var loss = CenterNetLoss.Focal(logits, target);

        Assert.Equal(-(0.25 * Math.Log(0.5) + 0.0625 * 0.25 * Math.Log(0.5)), loss.item<float>(), 5);
    }

    [Fact]
    public void Decoder_PeaksBecomeBoxes_WithSizeAndOffset()
    {
        // 4×4 grid, one class: a peak at (x 1, y 2) of logit 2, everything else −5; size 2×1 cells, offset (.5, .5).
        var heat = Enumerable.Repeat(-5f, 16).ToArray();
        heat[2 * 4 + 1] = 2;
        var size = new float[32];
        size[2 * 4 + 1] = 2;
        size[16 + 2 * 4 + 1] = 1;
        var offset = Enumerable.Repeat(0.5f, 32).ToArray();
        using var output = new DetectorOutput(tensor(heat, [1, 1, 4, 4]), tensor(size, [1, 2, 4, 4]), tensor(offset, [1, 2, 4, 4]));

        var boxes = CenterNetDecoder.Decode(output, [7], topK: 1);

        var box = Assert.Single(boxes);
        Assert.Equal(7, box.Image);
        Assert.Equal(1 / (1 + Math.Exp(-2)), box.Score, 5);
        // Centre (1.5/4, 2.5/4) = (.375, .625); size (.5, .25) → x .125, y .5.
        Assert.Equal(0.125, box.Box.X, 5);
        Assert.Equal(0.5, box.Box.Y, 5);
        Assert.Equal(0.5, box.Box.Width, 5);
        Assert.Equal(0.25, box.Box.Height, 5);
    }
}
