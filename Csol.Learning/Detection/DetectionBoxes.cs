using Csol.Learning.Data;

namespace Csol.Learning.Detection;

/// <summary>A predicted box: which test image, which class, where (frame-relative), how confident.</summary>
public readonly record struct ScoredBox(int Image, int ClassIndex, NormalizedBox Box, double Score);

/// <summary>An annotated box of a test image.</summary>
public readonly record struct TruthBox(int Image, int ClassIndex, NormalizedBox Box);

public static class BoxGeometry
{
    /// <summary>Intersection over union of two frame-relative boxes.</summary>
    /// <remarks>Continuous coordinates: VOC's devkit adds one pixel to each side (integer pixel boxes, inclusive ends);
    /// frame fractions have no such convention, so none is added.</remarks>
    public static double IoU(NormalizedBox a, NormalizedBox b)
    {
        var width = Math.Min(a.X + a.Width, b.X + b.Width) - Math.Max(a.X, b.X);
        var height = Math.Min(a.Y + a.Height, b.Y + b.Height) - Math.Max(a.Y, b.Y);
        if (width <= 0 || height <= 0)
            return 0;
        var intersection = width * height;
        var union = a.Width * a.Height + b.Width * b.Height - intersection;
        return union <= 0 ? 0 : intersection / union;
    }
}
