using SkiaSharp;
using Svg.Skia;

namespace Csol.Learning.Data.Clipart;

/// <summary>
/// One SVG drawing, loaded once and shared read-only by the scene renderers (SKPicture playback is thread-safe).
/// <see cref="Content"/> is the part that is actually drawn: many SVGs have a page much larger than the drawing,
/// and scaling the page instead would make the instrument's apparent size arbitrary.
/// </summary>
public sealed class ClipartPicture : IDisposable
{
    private const int ProbeSide = 512;
    private readonly SKSvg _svg;

    private ClipartPicture(string path, SKSvg svg, SKPicture picture, SKRect content)
    {
        Path = path;
        _svg = svg;
        Picture = picture;
        Content = content;
    }

    public string Path { get; }

    public SKPicture Picture { get; }

    /// <summary>The opaque drawing's bounds in the picture's own coordinates.</summary>
    public SKRect Content { get; }

    /// <summary>Loads and probes an SVG; null (with the reason) when it cannot be drawn.</summary>
    public static ClipartPicture? TryLoad(string path, out string? problem)
    {
        var svg = new SKSvg();
        try
        {
            var picture = svg.Load(path);
            var cull = picture?.CullRect ?? SKRect.Empty;
            if (picture is null || cull.Width <= 0 || cull.Height <= 0)
            {
                problem = "no drawable content";
                svg.Dispose();
                return null;
            }

            var content = ProbeContent(picture, cull);
            if (content.IsEmpty)
            {
                problem = "draws no opaque pixel";
                svg.Dispose();
                return null;
            }

            problem = null;
            return new ClipartPicture(path, svg, picture, content);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            problem = e.Message;
            svg.Dispose();
            return null;
        }
    }

    /// <summary>Draws <paramref name="region"/> of <paramref name="picture"/> on a transparent bitmap whose longer side is
    /// <paramref name="side"/> pixels; <paramref name="scale"/> is pixels per picture unit.</summary>
    public static SKBitmap Rasterize(SKPicture picture, SKRect region, int side, out float scale)
    {
        scale = side / Math.Max(region.Width, region.Height);
        int width = Math.Max(1, (int)Math.Ceiling(region.Width * scale)), height = Math.Max(1, (int)Math.Ceiling(region.Height * scale));
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(SKColors.Transparent);
        canvas.Scale(scale);
        canvas.Translate(-region.Left, -region.Top);
        canvas.DrawPicture(picture);
        return bitmap;
    }

    private static SKRect ProbeContent(SKPicture picture, SKRect cull)
    {
        using var bitmap = Rasterize(picture, cull, ProbeSide, out var scale);
        var box = OpaqueBounds.Find(bitmap);
        return box is not { } b
            ? SKRect.Empty
            : new SKRect(cull.Left + b.Left / scale, cull.Top + b.Top / scale, cull.Left + b.Right / scale, cull.Top + b.Bottom / scale);
    }

    public void Dispose() => _svg.Dispose();
}
