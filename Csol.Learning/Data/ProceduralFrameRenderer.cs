namespace Csol.Learning.Data;

/// <summary>Draws one frame: a class object on a noisy textured background, sometimes with a neutral distractor.</summary>
internal static class ProceduralFrameRenderer
{
    private const double MinScale = 0.20, MaxScale = 0.45;

    /// <summary>Returns the RGB frame (CHW, values in [0, 1]) and the object's box.</summary>
    public static (float[] Rgb, NormalizedBox Box) Render(ClassSignature signature, int size, Random random)
    {
        var rgb = new float[3 * size * size];
        PaintBackground(rgb, size, random);

        var side = size * (MinScale + random.NextDouble() * (MaxScale - MinScale));
        var half = side / 2;
        var cx = half + random.NextDouble() * (size - side);
        var cy = half + random.NextDouble() * (size - side);

        // A grey or black/white distractor keeps "find anything salient" from being a complete answer.
        if (random.NextDouble() < 0.5)
            PaintDistractor(rgb, size, cx, cy, half, random);

        // Brightness jitter stands in for the paper's brightness/colour augmentation (spec §1.1).
        var gain = (float)(0.85 + 0.3 * random.NextDouble());
        Paint(rgb, size, signature.Shape, cx, cy, half,
            signature.Red * gain, signature.Green * gain, signature.Blue * gain);

        var halfHeight = half * ProceduralClassSignatures.VerticalExtent(signature.Shape);
        var box = new NormalizedBox((cx - half) / size, (cy - halfHeight) / size, side / size, 2 * halfHeight / size);
        return (rgb, box);
    }

    private static void PaintBackground(float[] rgb, int size, Random random)
    {
        var plane = size * size;
        var baseLevel = 0.3 + 0.4 * random.NextDouble();
        double gx = random.NextDouble() - 0.5, gy = random.NextDouble() - 0.5;
        var stripeFrequency = 2 + 6 * random.NextDouble();
        var stripeAngle = random.NextDouble() * Math.PI;
        double sx = Math.Cos(stripeAngle), sy = Math.Sin(stripeAngle);
        Span<double> tint = [random.NextDouble() * 0.1, random.NextDouble() * 0.1, random.NextDouble() * 0.1];

        for (var y = 0; y < size; y++)
            for (var x = 0; x < size; x++)
            {
                double u = (double)x / size, v = (double)y / size;
                var texture = baseLevel + 0.25 * (gx * u + gy * v) + 0.06 * Math.Sin(2 * Math.PI * stripeFrequency * (sx * u + sy * v));
                for (var c = 0; c < 3; c++)
                    rgb[c * plane + y * size + x] = Clamp01(texture + tint[c] + 0.08 * Gaussian(random));
            }
    }

    private static void PaintDistractor(float[] rgb, int size, double objectX, double objectY, double objectHalf, Random random)
    {
        var half = size * (0.15 + 0.1 * random.NextDouble()) / 2;
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var cx = half + random.NextDouble() * (size - 2 * half);
            var cy = half + random.NextDouble() * (size - 2 * half);
            if (Math.Abs(cx - objectX) < half + objectHalf && Math.Abs(cy - objectY) < half + objectHalf)
                continue; // overlaps the object: its box would no longer be the only thing there
            var shape = (ObjectShape)random.Next(ProceduralClassSignatures.Count);
            var level = (float)(random.Next(3) * 0.45 + 0.05 * random.NextDouble());
            Paint(rgb, size, shape, cx, cy, half, level, level, level);
            return;
        }
    }

    private static void Paint(float[] rgb, int size, ObjectShape shape, double cx, double cy, double half, float r, float g, float b)
    {
        var plane = size * size;
        int x0 = Math.Max(0, (int)(cx - half)), x1 = Math.Min(size - 1, (int)(cx + half));
        int y0 = Math.Max(0, (int)(cy - half)), y1 = Math.Min(size - 1, (int)(cy + half));
        for (var y = y0; y <= y1; y++)
            for (var x = x0; x <= x1; x++)
            {
                // Pixel centres, so the silhouette is symmetric and matches the box.
                if (!ProceduralClassSignatures.Contains(shape, (x + 0.5 - cx) / half, (y + 0.5 - cy) / half))
                    continue;
                var i = y * size + x;
                rgb[i] = Clamp01(r);
                rgb[plane + i] = Clamp01(g);
                rgb[2 * plane + i] = Clamp01(b);
            }
    }

    internal static double Gaussian(Random random)
        => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static float Clamp01(double value) => (float)Math.Clamp(value, 0, 1);
}
