using System.Globalization;

namespace Csol.Learning.Data.Music;

/// <summary>An annotation paired with the JPEG on disk that it describes.</summary>
public sealed record ResolvedFrame(FrameAnnotation Annotation, string FramePath);

/// <summary>
/// Finds the JPEG under <c>video_frames/</c> for every annotation key. Keys assume 30 fps with every 7th frame kept
/// (spec §1.3, issues #7/#10), so frames extracted from 25-fps videos carry other numbers; with
/// <c>nearestInSecond</c> a key resolves to the closest-numbered frame of the same second instead of failing.
/// </summary>
public static class AnnotatedFrameResolver
{
    /// <param name="skipBad">Record unresolvable keys in <paramref name="problems"/> instead of throwing.</param>
    public static IReadOnlyList<ResolvedFrame> Resolve(
        IEnumerable<FrameAnnotation> annotations, string annotationFile, string videoFramesRoot,
        bool nearestInSecond, bool skipBad, ICollection<string> problems)
    {
        var resolved = new List<ResolvedFrame>();
        foreach (var annotation in annotations)
        {
            var exact = Path.Combine(videoFramesRoot, annotation.Key);
            var path = File.Exists(exact) ? exact : nearestInSecond ? Nearest(annotation, videoFramesRoot) : null;
            if (path is not null)
            {
                resolved.Add(new ResolvedFrame(annotation, path));
                continue;
            }
            var message = $"{annotationFile}: {annotation.Key}: no frame on disk ({exact})";
            if (!skipBad)
                throw new FileNotFoundException(message, exact);
            problems.Add(message);
        }
        return resolved;
    }

    private static string? Nearest(FrameAnnotation annotation, string root)
    {
        var folder = Path.Combine(root, annotation.Video, $"frame_{annotation.Second:D3}");
        if (!Directory.Exists(folder))
            return null;
        return Directory.EnumerateFiles(folder, "*.jpg")
            .Select(
                f => (Path: f, Ok: int.TryParse(Path.GetFileNameWithoutExtension(f), NumberStyles.None, CultureInfo.InvariantCulture, out var n),
                    Number: n))
            .Where(f => f.Ok)
            .OrderBy(f => Math.Abs(f.Number - annotation.FrameNumber)).ThenBy(f => f.Number)
            .Select(f => f.Path)
            .FirstOrDefault();
    }
}
