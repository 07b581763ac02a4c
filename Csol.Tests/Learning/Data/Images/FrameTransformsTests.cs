using Csol.Learning.Data;
using Csol.Learning.Data.Images;
using SkiaSharp;
using Xunit;

namespace Csol.Tests.Learning.Data.Images;

[Trait("Category", "unit")]
public sealed class FrameTransformsTests
{
    private static readonly FrameTransformOptions Small = new(ResizeSize: 40, CropSize: 32);

    [Fact]
    public void Test_ResizesAndNormalizesWithImageNetStatistics()
    {
        using var frame = TestFrames.Solid(50, 20, new SKColor(200, 100, 50));

        var result = FrameTransforms.Test(frame, Small);

        Assert.Equal(3 * 32 * 32, result.Chw.Length);
        Assert.Equal((200 / 255f - 0.485f) / 0.229f, result.Chw[0], 3);
        Assert.Equal((100 / 255f - 0.456f) / 0.224f, result.Chw[32 * 32], 3);
        Assert.Equal((50 / 255f - 0.406f) / 0.225f, result.Chw[2 * 32 * 32 + 5], 3);
    }

    [Fact]
    public void Train_SameSeed_GivesIdenticalOutput_DifferentSeedDiffers()
    {
        using var frame = TestFrames.Split(60, 50, new SKColor(220, 40, 40), new SKColor(30, 60, 200));

        var a = FrameTransforms.Train(frame, Small, new Random(3));
        var b = FrameTransforms.Train(frame, Small, new Random(3));
        var c = FrameTransforms.Train(frame, Small, new Random(4));

        Assert.Equal(a.Chw, b.Chw);
        Assert.NotEqual(a.Chw, c.Chw);
    }

    [Fact]
    public void Train_Flip_MovesPixelsAndBoxes()
    {
        using var frame = TestFrames.Split(64, 64, SKColors.Red, SKColors.Blue);
        var options =
            new FrameTransformOptions(ResizeSize: 32, CropSize: 32, FlipProbability: 1, BrightnessRange: 0, SaturationRange: 0, Normalize: false);

        var result = FrameTransforms.Train(frame, options, new Random(1), [new NormalizedBox(0.0, 0.25, 0.25, 0.5)]);

        Assert.True(result.Flipped);
        Assert.Equal(0f, result.Chw[0], 2);
        Assert.Equal(1f, result.Chw[31], 2);
        Assert.Equal(new NormalizedBox(0.75, 0.25, 0.25, 0.5), result.Boxes[0]);
    }

    [Fact]
    public void Train_Crop_MovesBoxIntoTheWindowAndClipsIt()
    {
        using var frame = TestFrames.Solid(64, 64, SKColors.Gray);
        var options = new FrameTransformOptions(ResizeSize: 40, CropSize: 32, FlipProbability: 0);

        var result = FrameTransforms.Train(frame, options, new Random(7), [new NormalizedBox(0, 0, 1, 1), new NormalizedBox(0.5, 0.5, 0.1, 0.1)]);

        Assert.Equal(new NormalizedBox(0, 0, 1, 1), result.Boxes[0]);
        var inner = result.Boxes[1];
        Assert.Equal(4.0 / 32, inner.Width, 6);
        Assert.InRange(inner.X, 12.0 / 32, 20.0 / 32);
    }

    [Fact]
    public void Train_SaturationBlendsTowardsGrey_BrightnessScales()
    {
        using var frame = TestFrames.Solid(32, 32, new SKColor(200, 100, 50));
        var options = new FrameTransformOptions(ResizeSize: 32, CropSize: 32, FlipProbability: 0, Normalize: false);

        var result = FrameTransforms.Train(frame, options, new Random(11));

        // Recompute the draws the transform makes, in its documented order.
        var random = new Random(11);
        random.NextDouble();
        var brightness = 1 + (2 * random.NextDouble() - 1) * 0.3;
        var saturation = 1 + (2 * random.NextDouble() - 1) * 0.3;
        double[] rgb = [200 / 255.0 * brightness, 100 / 255.0 * brightness, 50 / 255.0 * brightness];
        var grey = 0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2];
        Assert.Equal(grey + saturation * (rgb[0] - grey), result.Chw[0], 3);
        Assert.Equal(grey + saturation * (rgb[2] - grey), result.Chw[2 * 32 * 32], 3);
    }

    [Fact]
    public void Validated_RejectsACropLargerThanTheResize()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new FrameTransformOptions(ResizeSize: 200, CropSize: 224).Validated());

        Assert.Equal("ResizeSize", error.ParamName);
    }
}
