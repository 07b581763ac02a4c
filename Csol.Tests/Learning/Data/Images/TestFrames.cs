using Csol.Learning.Data.Images;
using SkiaSharp;

namespace Csol.Tests.Learning.Data.Images;

/// <summary>Small frames for tests: a solid colour, or a left/right split so flips are visible.</summary>
public static class TestFrames
{
    public static SKBitmap Solid(int width, int height, SKColor color)
    {
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        bitmap.Erase(color);
        return bitmap;
    }

    /// <summary>Left half <paramref name="left"/>, right half <paramref name="right"/>.</summary>
    public static SKBitmap Split(int width, int height, SKColor left, SKColor right)
    {
        var bitmap = Solid(width, height, right);
        using var canvas = new SKCanvas(bitmap);
        using var paint = new SKPaint { Color = left };
        canvas.DrawRect(0, 0, width / 2f, height, paint);
        return bitmap;
    }

    public static string WriteJpeg(string folder, string name, SKBitmap bitmap)
    {
        var path = Path.Combine(folder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        FrameEncoder.WriteJpeg(path, bitmap, quality: 95);
        return path;
    }
}
