using Csol.Learning.Data.Images;
using Csol.Tests.Support;
using SkiaSharp;
using TorchSharp;
using Xunit;

namespace Csol.Tests.Learning.Data.Images;

[Trait("Category", "unit")]
public sealed class FrameDecoderTests
{
    [Fact]
    public void ToTensor_Jpeg_GivesChwInUnitRange()
    {
        using var dir = TestPaths.NewTempDirectory("frames");
        using var frame = TestFrames.Solid(40, 30, new SKColor(200, 100, 50));
        var path = TestFrames.WriteJpeg(dir.Path, "a.jpg", frame);

        using var tensor = FrameDecoder.ToTensor(path);

        Assert.Equal([3L, 30, 40], tensor.shape);
        Assert.Equal(200 / 255.0, tensor[0, 15, 20].item<float>(), 0.02);
        Assert.Equal(100 / 255.0, tensor[1, 15, 20].item<float>(), 0.02);
        Assert.Equal(50 / 255.0, tensor[2, 15, 20].item<float>(), 0.02);
    }

    [Fact]
    public void Decode_Garbage_NamesTheFile()
    {
        using var dir = TestPaths.NewTempDirectory("frames");
        var path = Path.Combine(dir.Path, "bad.jpg");
        File.WriteAllBytes(path, [1, 2, 3, 4, 5, 6, 7, 8]);

        var error = Assert.Throws<InvalidDataException>(() => FrameDecoder.Decode(path));

        Assert.StartsWith(path, error.Message);
    }

    [Fact]
    public void Decode_TruncatedJpeg_IsAnError_NotAGreyFrame()
    {
        using var dir = TestPaths.NewTempDirectory("frames");
        using var frame = TestFrames.Split(64, 64, SKColors.Red, SKColors.Blue);
        var path = TestFrames.WriteJpeg(dir.Path, "cut.jpg", frame);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<InvalidDataException>(() => FrameDecoder.Decode(path));

        Assert.Contains(path, error.Message);
    }
}
