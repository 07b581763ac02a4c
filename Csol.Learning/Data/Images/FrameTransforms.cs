using SkiaSharp;

namespace Csol.Learning.Data.Images;

/// <summary>
/// Spec §1.1's transforms. Train: [flip p, brightness, saturation] → Resize(R, R) → RandomCrop(C) → Normalize.
/// Val/test: Resize(C, C) → Normalize.
/// </summary>
/// <remarks>
/// Deviation for speed: we resize first (PIL's antialiased bilinear, <see cref="PilBilinearResize"/>) and then flip and enhance the small image in
/// one pass. Flip
/// commutes with resize, and PIL's enhancers are per-pixel linear blends, so the only difference is where values are
/// clipped to [0, 1] (and that we do not round to 8 bits between steps as PIL does).
/// Random draws happen in a fixed order (flip, brightness, saturation, crop x, crop y) whatever the options, so a seed
/// gives the same crop with augmentation on or off.
/// </remarks>
public static class FrameTransforms
{
    public static TransformedFrame Train(SKBitmap image, FrameTransformOptions options, Random random, IReadOnlyList<NormalizedBox>? boxes = null)
    {
        var flip = random.NextDouble() < options.FlipProbability;
        var brightness = 1 + (2 * random.NextDouble() - 1) * options.BrightnessRange;
        var saturation = 1 + (2 * random.NextDouble() - 1) * options.SaturationRange;
        var slack = options.ResizeSize - options.CropSize;
        var cropX = random.Next(slack + 1);
        var cropY = random.Next(slack + 1);
        if (!options.Augment)
            (flip, brightness, saturation) = (false, 1, 1);

        var rgba = Resized(image, options.ResizeSize);
        var chw = Finish(rgba, options.ResizeSize, cropX, cropY, options.CropSize, flip, (float)brightness, (float)saturation, options.Normalize);
        var moved = (boxes ?? []).Select(b => Crop(flip ? b.FlippedHorizontally() : b, options.ResizeSize, cropX, cropY, options.CropSize))
            .Where(b => b.Width > 0 && b.Height > 0).ToArray();
        return new TransformedFrame(chw, options.CropSize, moved, flip);
    }

    public static TransformedFrame Test(SKBitmap image, FrameTransformOptions options, IReadOnlyList<NormalizedBox>? boxes = null)
    {
        var rgba = Resized(image, options.CropSize);
        var chw = Finish(rgba, options.CropSize, 0, 0, options.CropSize, false, 1, 1, options.Normalize);
        return new TransformedFrame(chw, options.CropSize, boxes ?? [], false);
    }

    /// <summary>Square resize as torchvision's <c>Resize</c> on a PIL image: bilinear with PIL's antialiasing
    /// (<see cref="PilBilinearResize"/>), not Skia's linear filter, which skips pixels when shrinking.</summary>
    private static byte[] Resized(SKBitmap image, int size)
    {
        var rgba = FrameDecoder.RgbaBytes(image);
        return image.Width == size && image.Height == size ? rgba : PilBilinearResize.Resize(rgba, image.Width, image.Height, size, size);
    }

    /// <summary>Flip, brightness, saturation, crop and normalise in one pass over the resized RGBA pixels.</summary>
    private static float[] Finish(byte[] rgba, int side, int cropX, int cropY, int crop, bool flip, float brightness, float saturation,
        bool normalize)
    {
        var plane = crop * crop;
        var chw = new float[3 * plane];
        var mean = FrameTransformOptions.ImageNetMean;
        var std = FrameTransformOptions.ImageNetStd;
        for (var y = 0; y < crop; y++)
            for (var x = 0; x < crop; x++)
            {
                var sourceX = flip ? side - 1 - (cropX + x) : cropX + x;
                var p = 4 * ((cropY + y) * side + sourceX);
                // ImageEnhance.Brightness blends with black; ImageEnhance.Color blends with the image's "L" grey
                // (ITU-R 601: 0.299 R + 0.587 G + 0.114 B). PIL clips to [0, 255] after each enhancer.
                var r = Math.Min(rgba[p] / 255f * brightness, 1f);
                var g = Math.Min(rgba[p + 1] / 255f * brightness, 1f);
                var b = Math.Min(rgba[p + 2] / 255f * brightness, 1f);
                var grey = 0.299f * r + 0.587f * g + 0.114f * b;
                r = Math.Clamp(grey + saturation * (r - grey), 0f, 1f);
                g = Math.Clamp(grey + saturation * (g - grey), 0f, 1f);
                b = Math.Clamp(grey + saturation * (b - grey), 0f, 1f);
                var i = y * crop + x;
                chw[i] = normalize ? (r - mean[0]) / std[0] : r;
                chw[plane + i] = normalize ? (g - mean[1]) / std[1] : g;
                chw[2 * plane + i] = normalize ? (b - mean[2]) / std[2] : b;
            }
        return chw;
    }

    /// <summary>A box in the R×R image moved into the crop window and clipped to it.</summary>
    private static NormalizedBox Crop(NormalizedBox box, int side, int cropX, int cropY, int crop)
    {
        double Clip(double v) => Math.Clamp(v, 0, 1);
        var x0 = Clip((box.X * side - cropX) / crop);
        var y0 = Clip((box.Y * side - cropY) / crop);
        var x1 = Clip(((box.X + box.Width) * side - cropX) / crop);
        var y1 = Clip(((box.Y + box.Height) * side - cropY) / crop);
        return new NormalizedBox(x0, y0, x1 - x0, y1 - y0);
    }
}
