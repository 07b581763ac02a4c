using System.Runtime.InteropServices;
using SkiaSharp;
using TorchSharp;

namespace Csol.Learning.Data.Images;

/// <summary>Decodes frame JPEGs (any format Skia reads) to RGBA bitmaps or (3, H, W) float tensors in [0, 1].</summary>
public static class FrameDecoder
{
    /// <summary>Decodes <paramref name="path"/> fully; the caller disposes the bitmap.</summary>
    /// <exception cref="InvalidDataException">The file is not an image, or is truncated: Skia would otherwise return a
    /// partly grey frame for a cut-off JPEG (<see cref="SKCodecResult.IncompleteInput"/>), a silently wrong sample.</exception>
    public static SKBitmap Decode(string path)
    {
        using var data = SKData.Create(path) ?? throw new FileNotFoundException($"{path}: cannot open the frame", path);
        return Decode(data, path);
    }

    public static SKBitmap Decode(byte[] bytes, string source)
    {
        using var data = SKData.CreateCopy(bytes);
        return Decode(data, source);
    }

    private static SKBitmap Decode(SKData data, string source)
    {
        using var codec = SKCodec.Create(data)
            ?? throw new InvalidDataException($"{source}: not a decodable image");
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        var bitmap = new SKBitmap(info);
        var result = codec.GetPixels(info, bitmap.GetPixels());
        if (result != SKCodecResult.Success)
        {
            bitmap.Dispose();
            throw new InvalidDataException($"{source}: the image is corrupt or truncated ({result})");
        }
        return bitmap;
    }

    /// <summary>(3, H, W) float32 RGB in [0, 1], like torchvision's ToTensor.</summary>
    public static torch.Tensor ToTensor(string path)
    {
        using var bitmap = Decode(path);
        return torch.tensor(ToChw(bitmap), [3, bitmap.Height, bitmap.Width]);
    }

    /// <summary>Planar RGB in [0, 1] from an RGBA8888 bitmap.</summary>
    public static float[] ToChw(SKBitmap bitmap)
    {
        var rgba = RgbaBytes(bitmap);
        var plane = bitmap.Width * bitmap.Height;
        var chw = new float[3 * plane];
        for (var i = 0; i < plane; i++)
        {
            chw[i] = rgba[4 * i] / 255f;
            chw[plane + i] = rgba[4 * i + 1] / 255f;
            chw[2 * plane + i] = rgba[4 * i + 2] / 255f;
        }
        return chw;
    }

    /// <summary>The bitmap's pixels as tightly packed RGBA bytes (converted by Skia when stored otherwise).</summary>
    internal static byte[] RgbaBytes(SKBitmap bitmap)
    {
        var info = new SKImageInfo(bitmap.Width, bitmap.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        var bytes = new byte[info.BytesSize];
        var handle = GCHandle.Alloc(bytes, GCHandleType.Pinned);
        try
        {
            using var pixmap = bitmap.PeekPixels();
            if (!pixmap.ReadPixels(info, handle.AddrOfPinnedObject(), info.RowBytes))
                throw new InvalidOperationException("Skia could not convert the frame to RGBA");
        }
        finally
        {
            handle.Free();
        }
        return bytes;
    }
}
