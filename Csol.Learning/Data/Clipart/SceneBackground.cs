using SkiaSharp;

namespace Csol.Learning.Data.Clipart;

/// <summary>
/// A video's static background: a two-colour gradient, fractal noise for texture, a few translucent shapes and up
/// to two non-instrument clip-art distractors. Static per video, like a fixed camera; the instrument moves on it.
/// </summary>
public static class SceneBackground
{
    public static SKBitmap Render(int size, IReadOnlyList<ClipartPicture> distractors, Random random)
    {
        var bitmap = new SKBitmap(new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(bitmap);

        var angle = random.NextDouble() * Math.PI;
        var (dx, dy) = ((float)(Math.Cos(angle) * size / 2), (float)(Math.Sin(angle) * size / 2));
        var centre = new SKPoint(size / 2f, size / 2f);
        using (var gradient = SKShader.CreateLinearGradient(
                   new SKPoint(centre.X - dx, centre.Y - dy), new SKPoint(centre.X + dx, centre.Y + dy),
                   [RandomColour(random, 0.25, 0.95), RandomColour(random, 0.25, 0.95)], SKShaderTileMode.Clamp))
        using (var paint = new SKPaint { Shader = gradient })
            canvas.DrawRect(0, 0, size, size, paint);

        var frequency = (float)(0.02 + 0.1 * random.NextDouble());
        using (var noise = SKShader.CreatePerlinNoiseFractalNoise(frequency, frequency, 3, random.Next(0, 1000)))
        using (
            var paint = new SKPaint { Shader = noise, Color = SKColors.White.WithAlpha((byte)random.Next(40, 110)), BlendMode = SKBlendMode.Overlay })
            canvas.DrawRect(0, 0, size, size, paint);

        for (var i = random.Next(2, 7); i > 0; i--)
            DrawShape(canvas, size, random);

        // Distractors are smaller than any instrument (12–25 % of the side vs ≥ 30 %), as props in a room are.
        for (var i = distractors.Count == 0 ? 0 : random.Next(0, 3); i > 0; i--)
        {
            var picture = distractors[random.Next(distractors.Count)];
            var placement = new InstrumentPlacement(picture, 0.1 + 0.8 * random.NextDouble(), 0.1 + 0.8 * random.NextDouble(),
                0.12 + 0.13 * random.NextDouble(), 30 * (2 * random.NextDouble() - 1), random.NextDouble() < 0.5);
            SceneRenderer.Draw(canvas, size, placement);
        }

        return bitmap;
    }

    private static void DrawShape(SKCanvas canvas, int size, Random random)
    {
        using var paint = new SKPaint
        {
            Color = RandomColour(random, 0.1, 1.0).WithAlpha((byte)random.Next(50, 160)),
            IsAntialias = true,
            Style = random.NextDouble() < 0.3 ? SKPaintStyle.Stroke : SKPaintStyle.Fill,
            StrokeWidth = (float)(1 + random.NextDouble() * size / 40),
        };
        float x = (float)(random.NextDouble() * size), y = (float)(random.NextDouble() * size);
        var r = (float)(size * (0.03 + 0.15 * random.NextDouble()));
        switch (random.Next(3))
        {
            case 0:
                canvas.DrawCircle(x, y, r, paint);
                break;
            case 1:
                canvas.DrawRect(x - r, y - r / 2, 2 * r, r, paint);
                break;
            default:
                paint.Style = SKPaintStyle.Stroke;
                canvas.DrawLine(x, y, (float)(random.NextDouble() * size), (float)(random.NextDouble() * size), paint);
                break;
        }
    }

    private static SKColor RandomColour(Random random, double minValue, double maxValue) =>
        SKColor.FromHsv((float)(random.NextDouble() * 360), (float)(100 * random.NextDouble() * 0.7),
            (float)(100 * (minValue + (maxValue - minValue) * random.NextDouble())));
}
