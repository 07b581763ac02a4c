using SkiaSharp;

namespace Csol.Learning.Data.Images;

/// <summary>Writes frames as JPEG (the layout's format); Skia's encoder is deterministic, so equal pixels give equal bytes.</summary>
public static class FrameEncoder
{
    public const int DefaultQuality = 90;

    public static void WriteJpeg(string path, SKBitmap bitmap, int quality = DefaultQuality)
    {
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, quality)
            ?? throw new InvalidOperationException($"{path}: Skia could not encode the frame as JPEG");
        using var stream = File.Create(path);
        data.SaveTo(stream);
    }
}
