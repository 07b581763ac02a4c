using Csol.Learning.Data;

namespace Csol.Learning.Detection;

/// <summary>One image's training targets on a G×G grid, flat row-major arrays (CenterNet's encoding).</summary>
/// <param name="Heatmap">C·G·G: per class, the max over its boxes of a Gaussian around each box centre, exactly 1 at
/// the centre cell.</param>
/// <param name="Size">2·G·G: width and height in grid cells, at centre cells only.</param>
/// <param name="Offset">2·G·G: the centre's sub-cell position (x, y) in [0, 1), at centre cells only.</param>
/// <param name="Mask">G·G: 1 at centre cells.</param>
public sealed record CenterNetTarget(float[] Heatmap, float[] Size, float[] Offset, float[] Mask);

public static class CenterNetTargets
{
    /// <summary>Encodes <paramref name="boxes"/> (class, frame-relative box) for a grid of side <paramref name="grid"/>.</summary>
    /// <remarks>Two boxes with the same centre cell: the later one's size and offset win (the heatmap keeps both).</remarks>
    public static CenterNetTarget Encode(IReadOnlyList<(int ClassIndex, NormalizedBox Box)> boxes, int classes, int grid, double minOverlap)
    {
        var plane = grid * grid;
        var target = new CenterNetTarget(new float[classes * plane], new float[2 * plane], new float[2 * plane], new float[plane]);
        foreach (var (classIndex, box) in boxes)
        {
            var (w, h) = (box.Width * grid, box.Height * grid);
            if (w <= 0 || h <= 0)
                continue;
            var (cx, cy) = ((box.X + box.Width / 2) * grid, (box.Y + box.Height / 2) * grid);
            var (px, py) = (Math.Clamp((int)Math.Floor(cx), 0, grid - 1), Math.Clamp((int)Math.Floor(cy), 0, grid - 1));
            var radius = Math.Max(0, (int)Math.Floor(GaussianRadius(w, h, minOverlap)));
            DrawGaussian(target.Heatmap, classIndex * plane, grid, px, py, radius);
            var cell = py * grid + px;
            target.Size[cell] = (float)w;
            target.Size[plane + cell] = (float)h;
            target.Offset[cell] = (float)(cx - px);
            target.Offset[plane + cell] = (float)(cy - py);
            target.Mask[cell] = 1;
        }
        return target;
    }

    /// <summary>The largest corner shift r (grid cells) that keeps IoU ≥ <paramref name="minOverlap"/> with the box, in
    /// the worst of three cases: the box moved diagonally by r, shrunk by r on every side, or grown by r.</summary>
    /// <remarks>Each case is a quadratic in r solved exactly here: (w−r)(h−r)/(2wh−(w−r)(h−r)) = o,
    /// (w−2r)(h−2r)/(wh) = o and wh/((w+2r)(h+2r)) = o.</remarks>
    public static double GaussianRadius(double w, double h, double minOverlap)
    {
        var o = minOverlap;
        static double SmallerRoot(double a, double b, double c) => (-b - Math.Sqrt(b * b - 4 * a * c)) / (2 * a);
        static double LargerRoot(double a, double b, double c) => (-b + Math.Sqrt(b * b - 4 * a * c)) / (2 * a);
        var shifted = SmallerRoot(1, -(w + h), w * h * (1 - o) / (1 + o));
        var shrunk = SmallerRoot(4, -2 * (w + h), (1 - o) * w * h);
        var grown = LargerRoot(4 * o, 2 * o * (w + h), (o - 1) * w * h);
        return Math.Min(shifted, Math.Min(shrunk, grown));
    }

    /// <summary>exp(−d²/(2σ²)) with σ = (2r+1)/6 over the (2r+1)² window, max-combined with what is there.</summary>
    private static void DrawGaussian(float[] heatmap, int offset, int grid, int px, int py, int radius)
    {
        var sigma = (2 * radius + 1) / 6.0;
        for (var dy = -radius; dy <= radius; dy++)
            for (var dx = -radius; dx <= radius; dx++)
            {
                var (x, y) = (px + dx, py + dy);
                if (x < 0 || y < 0 || x >= grid || y >= grid)
                    continue;
                var value = dx == 0 && dy == 0 ? 1f : (float)Math.Exp(-(dx * dx + dy * dy) / (2 * sigma * sigma));
                var index = offset + y * grid + x;
                heatmap[index] = Math.Max(heatmap[index], value);
            }
    }
}
