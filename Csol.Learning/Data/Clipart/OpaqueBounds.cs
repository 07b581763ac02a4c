using SkiaSharp;

namespace Csol.Learning.Data.Clipart;

/// <summary>
/// The bounding box of a layer's opaque pixels. The threshold ignores anti-aliasing fringes and faint shadows,
/// which an annotator drawing a box around the instrument would not include either.
/// </summary>
public static class OpaqueBounds
{
    public const byte AlphaThreshold = 64;

    /// <summary>Pixel box (right/bottom exclusive), or null when no pixel passes the threshold.</summary>
    public static SKRectI? Find(SKBitmap layer)
    {
        int left = int.MaxValue, top = int.MaxValue, right = -1, bottom = -1;
        var pixels = layer.GetPixelSpan();
        var bytesPerPixel = layer.BytesPerPixel;
        // Alpha is the 4th byte for both RGBA8888 and BGRA8888.
        for (var y = 0; y < layer.Height; y++)
        {
            var row = pixels.Slice(y * layer.RowBytes, layer.Width * bytesPerPixel);
            for (var x = 0; x < layer.Width; x++)
            {
                if (row[x * bytesPerPixel + 3] <= AlphaThreshold)
                    continue;
                left = Math.Min(left, x);
                right = Math.Max(right, x);
                top = Math.Min(top, y);
                bottom = Math.Max(bottom, y);
            }
        }

        return right < 0 ? null : new SKRectI(left, top, right + 1, bottom + 1);
    }
}
