using SkiaSharp;

namespace Csol.Learning.Data.Clipart;

/// <summary>One rendered frame: the JPEG bytes and each instrument's pixel box (in placement order).</summary>
public sealed record RenderedFrame(byte[] Jpeg, IReadOnlyList<SKRectI> Boxes);

/// <summary>
/// Draws instruments over a background. Each instrument is first drawn alone on a transparent layer so its box is
/// the bounding box of its own opaque pixels (what it really covers after scaling, rotation and clipping at the
/// frame edge), not a rectangle predicted from the placement.
/// </summary>
public static class SceneRenderer
{
    public const int JpegQuality = Images.FrameEncoder.DefaultQuality;

    public static RenderedFrame Render(SKBitmap background, IReadOnlyList<InstrumentPlacement> placements)
    {
        var size = background.Width;
        using var frame = background.Copy();
        using var canvas = new SKCanvas(frame);
        var boxes = new List<SKRectI>(placements.Count);
        foreach (var placement in placements)
        {
            using var layer = new SKBitmap(new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Premul));
            using (var layerCanvas = new SKCanvas(layer))
            {
                layerCanvas.Clear(SKColors.Transparent);
                Draw(layerCanvas, size, placement);
            }

            boxes.Add(OpaqueBounds.Find(layer) ?? SKRectI.Empty);
            using var layerImage = SKImage.FromBitmap(layer);
            canvas.DrawImage(layerImage, 0, 0, SKSamplingOptions.Default);
        }

        canvas.Flush();
        using var image = SKImage.FromBitmap(frame);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, JpegQuality);
        return new RenderedFrame(data.ToArray(), boxes);
    }

    /// <summary>Maps the picture's drawing (not its page) onto the placement, keeping the aspect ratio.</summary>
    public static void Draw(SKCanvas canvas, int size, InstrumentPlacement placement)
    {
        var content = placement.Picture.Content;
        var scale = (float)(placement.Size * size / Math.Max(content.Width, content.Height));
        canvas.Save();
        canvas.Translate((float)(placement.CenterX * size), (float)(placement.CenterY * size));
        canvas.RotateDegrees((float)placement.Rotation);
        canvas.Scale(placement.Mirrored ? -scale : scale, scale);
        canvas.Translate(-content.MidX, -content.MidY);
        canvas.DrawPicture(placement.Picture.Picture);
        canvas.Restore();
    }
}
