using Csol.Learning.Data.Clipart;
using Csol.Learning.Data.Images;
using SkiaSharp;

namespace Csol.Learning.Pretraining;

/// <summary>
/// One pretraining sample: a drawing at random scale, position, rotation, mirror and hue on a MUSIC-Clipart scene
/// background (<see cref="SceneBackground"/>, without distractors: they would be unlabelled objects), then exactly the
/// stage-one loader's frame transforms (<see cref="FrameTransforms"/>: train = flip, brightness, saturation, resize to
/// size·256/224, random crop, ImageNet normalisation; held-out = resize, normalisation).
/// </summary>
/// <remarks>Sizes follow the instruments' (30–90 % of the side) so the features are learned at the scale stage one
/// sees them; the hue turn keeps colour from identifying a category (many categories are drawn in a few colours).</remarks>
public sealed class PretrainSampleRenderer(int imageSize)
{
    private readonly FrameTransformOptions train = new(ResizeSize: imageSize * 256 / 224, CropSize: imageSize);

    public int ImageSize => imageSize;

    /// <summary>The (3, size, size) normalised pixels of <paramref name="drawing"/> composed with the draws of <paramref name="random"/>.</summary>
    public float[] Render(SKImage drawing, Random random, bool heldOut)
    {
        var side = train.ResizeSize;
        using var frame = SceneBackground.Render(side, [], random);
        using (var canvas = new SKCanvas(frame))
        {
            var size = 0.3 + 0.6 * random.NextDouble();
            var scale = (float)(size * side / Math.Max(drawing.Width, drawing.Height));
            // The centre stays far enough in that at least ~60 % of the drawing's box is in the frame.
            var margin = 0.3 * size;
            var (cx, cy) = (margin + (1 - 2 * margin) * random.NextDouble(), margin + (1 - 2 * margin) * random.NextDouble());
            var rotation = 25 * (2 * random.NextDouble() - 1);
            var mirrored = random.NextDouble() < 0.5;
            var hue = random.NextDouble() < 0.7 ? 360 * random.NextDouble() : 0;
            using var filter = SKColorFilter.CreateColorMatrix(HueRotation(hue));
            using var paint = new SKPaint { ColorFilter = filter };
            canvas.Translate((float)(cx * side), (float)(cy * side));
            canvas.RotateDegrees((float)rotation);
            canvas.Scale(mirrored ? -scale : scale, scale);
            canvas.Translate(-drawing.Width / 2f, -drawing.Height / 2f);
            canvas.DrawImage(drawing, 0, 0, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear), paint);
        }
        return (heldOut ? FrameTransforms.Test(frame, train) : FrameTransforms.Train(frame, train, random)).Chw;
    }

    /// <summary>The usual luminance-preserving hue rotation as a 4×5 colour matrix (alpha untouched).</summary>
    private static float[] HueRotation(double degrees)
    {
        var (c, s) = ((float)Math.Cos(degrees * Math.PI / 180), (float)Math.Sin(degrees * Math.PI / 180));
        const float r = 0.213f, g = 0.715f, b = 0.072f;
        return
        [
            r + c * (1 - r) - s * r, g - c * g - s * g, b - c * b + s * (1 - b), 0, 0,
            r - c * r + s * 0.143f, g + c * (1 - g) + s * 0.140f, b - c * b - s * 0.283f, 0, 0,
            r - c * r - s * (1 - r), g - c * g + s * g, b + c * (1 - b) + s * b, 0, 0,
            0, 0, 0, 1, 0,
        ];
    }
}
