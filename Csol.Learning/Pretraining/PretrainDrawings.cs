using System.Collections.Concurrent;
using Csol.Learning.Data.Clipart;
using SkiaSharp;

namespace Csol.Learning.Pretraining;

/// <summary>A category's drawings, each rendered once (transparent, longer side <see cref="PretrainDrawings.SpriteSide"/>).</summary>
public sealed record PretrainClass(string Name, IReadOnlyList<SKImage> Train, IReadOnlyList<SKImage> HeldOut);

/// <summary>
/// The drawings of every category, rendered once to a small raster: loading and probing an SVG takes ~15–20 ms here
/// (3,262 drawings in 46–73 s), so samples are composed from sprites instead (3–5 ms per sample in all, background
/// and transforms included: <c>csol pretrain clipart</c>'s "rendered" figure). At the network's 112–128 px a 160 px
/// sprite loses little. Categories whose drawings all fail to load are dropped.
/// </summary>
public sealed class PretrainDrawings : IDisposable
{
    public const int SpriteSide = 160;

    private PretrainDrawings(IReadOnlyList<PretrainClass> classes, IReadOnlyList<string> skipped)
    {
        Classes = classes;
        Skipped = skipped;
    }

    /// <summary>Classes in label order.</summary>
    public IReadOnlyList<PretrainClass> Classes { get; }

    /// <summary>SVG files that could not be drawn, with the reason.</summary>
    public IReadOnlyList<string> Skipped { get; }

    public static PretrainDrawings Load(IReadOnlyList<PretrainCategory> categories, int parallelism, CancellationToken cancellationToken)
    {
        var files = categories.SelectMany(c => c.Train.Concat(c.HeldOut)).ToArray();
        var sprites = new ConcurrentDictionary<string, SKImage>(StringComparer.Ordinal);
        var skipped = new ConcurrentBag<string>();
        Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken }, file =>
        {
            using var picture = ClipartPicture.TryLoad(file, out var problem);
            if (picture is null)
                skipped.Add($"{file}: {problem}");
            else
                sprites[file] = Render(picture);
        });

        var classes = categories
            .Select(c => new PretrainClass(c.Name, Pick(c.Train, sprites), Pick(c.HeldOut, sprites)))
            .Where(c => c.Train.Count > 0)
            .ToList();
        return new PretrainDrawings(classes, skipped.Order(StringComparer.Ordinal).ToList());
    }

    private static List<SKImage> Pick(IReadOnlyList<string> files, ConcurrentDictionary<string, SKImage> sprites) =>
        files.Where(sprites.ContainsKey).Select(f => sprites[f]).ToList();

    private static SKImage Render(ClipartPicture picture)
    {
        using var bitmap = ClipartPicture.Rasterize(picture.Picture, picture.Content, SpriteSide, out _);
        using var pixels = bitmap.PeekPixels();
        return SKImage.FromPixelCopy(pixels);
    }

    public void Dispose()
    {
        foreach (var image in Classes.SelectMany(c => c.Train.Concat(c.HeldOut)))
            image.Dispose();
    }
}
