namespace Csol.Learning.Data.Images;

/// <summary>PIL's <c>Image.resize(size, BILINEAR)</c> on 8-bit RGBA pixels, bit for bit: what torchvision's
/// <c>Resize</c> does to the reference's frames (spec §1.1).</summary>
/// <remarks>PIL antialiases: the triangle filter's support is scaled by the downscale factor (a 2× reduction weighs
/// four input pixels 1:3:3:1 rather than sampling two), which Skia's linear filter without mipmaps does not do. As in
/// PIL's <c>Resample.c</c>: per output pixel, centre <c>(i + 0.5)·scale</c>, taps from <c>int(centre − support + 0.5)</c>
/// to <c>int(centre + support + 0.5)</c> clipped to the image, weights normalised to sum 1, then rounded to 22-bit
/// fixed point; the horizontal pass runs first and is stored as 8 bits, then the vertical pass; each result is
/// <c>(Σ w·p + 2²¹) &gt;&gt; 22</c> clipped to 0–255.</remarks>
public static class PilBilinearResize
{
    private const int PrecisionBits = 32 - 8 - 2;

    /// <summary>Resizes <paramref name="rgba"/> (width·height·4 bytes, row-major) to outWidth × outHeight.</summary>
    public static byte[] Resize(byte[] rgba, int width, int height, int outWidth, int outHeight)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outWidth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outHeight, 1);
        if (rgba.Length != width * height * 4)
            throw new ArgumentException($"expected {width}×{height}×4 = {width * height * 4} bytes, got {rgba.Length}", nameof(rgba));
        var pixels = rgba;
        if (outWidth != width)
        {
            pixels = Horizontal(pixels, width, height, outWidth, Coefficients(width, outWidth));
            width = outWidth;
        }
        if (outHeight != height)
            pixels = Vertical(pixels, width, height, outHeight, Coefficients(height, outHeight));
        return ReferenceEquals(pixels, rgba) ? (byte[])rgba.Clone() : pixels;
    }

    /// <summary>Per output index: first input index and the fixed-point weights of its taps.</summary>
    private static (int First, int[] Weights)[] Coefficients(int inSize, int outSize)
    {
        var scale = (double)inSize / outSize;
        var filterScale = Math.Max(scale, 1.0);
        var support = 1.0 * filterScale; // bilinear's support is 1
        var result = new (int, int[])[outSize];
        for (var i = 0; i < outSize; i++)
        {
            var centre = (i + 0.5) * scale;
            var first = Math.Max((int)(centre - support + 0.5), 0);
            var count = Math.Min((int)(centre + support + 0.5), inSize) - first;
            var weights = new double[count];
            var total = 0.0;
            for (var k = 0; k < count; k++)
            {
                var w = Triangle((k + first - centre + 0.5) / filterScale);
                weights[k] = w;
                total += w;
            }
            var fixedPoint = new int[count];
            for (var k = 0; k < count; k++)
            {
                var normalised = total != 0 ? weights[k] / total : weights[k];
                fixedPoint[k] = (int)(normalised < 0 ? -0.5 + normalised * (1 << PrecisionBits) : 0.5 + normalised * (1 << PrecisionBits));
            }
            result[i] = (first, fixedPoint);
        }
        return result;
    }

    private static double Triangle(double x) => Math.Abs(x) < 1 ? 1 - Math.Abs(x) : 0;

    private static byte[] Horizontal(byte[] source, int width, int height, int outWidth, (int First, int[] Weights)[] taps)
    {
        var target = new byte[outWidth * height * 4];
        for (var y = 0; y < height; y++)
            for (var x = 0; x < outWidth; x++)
            {
                var (first, weights) = taps[x];
                for (var c = 0; c < 4; c++)
                {
                    long sum = 1 << (PrecisionBits - 1);
                    for (var k = 0; k < weights.Length; k++)
                        sum += (long)source[(y * width + first + k) * 4 + c] * weights[k];
                    target[(y * outWidth + x) * 4 + c] = Clip(sum);
                }
            }
        return target;
    }

    private static byte[] Vertical(byte[] source, int width, int height, int outHeight, (int First, int[] Weights)[] taps)
    {
        var target = new byte[width * outHeight * 4];
        for (var y = 0; y < outHeight; y++)
        {
            var (first, weights) = taps[y];
            for (var x = 0; x < width; x++)
                for (var c = 0; c < 4; c++)
                {
                    long sum = 1 << (PrecisionBits - 1);
                    for (var k = 0; k < weights.Length; k++)
                        sum += (long)source[((first + k) * width + x) * 4 + c] * weights[k];
                    target[(y * width + x) * 4 + c] = Clip(sum);
                }
        }
        return target;
    }

    private static byte Clip(long sum) => (byte)Math.Clamp(sum >> PrecisionBits, 0, 255);
}
