using Csol.Learning.Detection;
using System.Globalization;
using System.Text.RegularExpressions;
using Csol.Abstractions;
using Csol.Abstractions.Services;
using Csol.Learning.Evaluation;

namespace Csol.Silo.Artifacts;

/// <summary>Reads the maps the pipeline's evaluation saved under <c>evaluation/maps/</c> of a run, and those of earlier
/// stage-two epochs under <c>evaluation/epochs/eNNN/maps/</c>.</summary>
public sealed partial class RunArtifacts(RunFolders folders) : IExperimentArtifacts
{
    public Task<IReadOnlyList<MapsEvaluation>> ListEvaluationsAsync(Guid experimentId, CancellationToken cancellationToken = default)
    {
        var run = folders.RunDirectory(experimentId);
        var found = new List<MapsEvaluation>();
        if (HasMaps(Path.Combine(run, ImageMapsFile.Folder)))
            found.Add(new MapsEvaluation(MapsEvaluation.FinalKey, "Final (stage-two checkpoint)", null));
        var epochs = Path.Combine(run, ImageMapsFile.EpochsFolder);
        if (Directory.Exists(epochs))
            foreach (var key in Directory.EnumerateDirectories(epochs).Select(Path.GetFileName).OfType<string>().Where(k => EpochKey().IsMatch(k))
                         .Order(StringComparer.Ordinal))
            {
                if (!HasMaps(Path.Combine(run, ImageMapsFile.EpochFolder(key))))
                    continue;
                var epoch = int.Parse(key.AsSpan(1), CultureInfo.InvariantCulture);
                found.Add(new MapsEvaluation(key, $"Stage two after epoch {epoch + 1}", epoch));
            }
        return Task.FromResult<IReadOnlyList<MapsEvaluation>>(found);
    }

    public Task<IReadOnlyList<VisualizedImage>> ListImagesAsync(Guid experimentId, string? evaluation = null,
        CancellationToken cancellationToken = default)
    {
        if (MapsFolder(experimentId, evaluation) is not { } folder || !Directory.Exists(folder))
            return Task.FromResult<IReadOnlyList<VisualizedImage>>([]);
        var images = new List<VisualizedImage>();
        foreach (var path in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var maps = ImageMapsFile.Read(path);
            images.Add(new VisualizedImage(maps.Image, FrameUrl(experimentId, maps.Image), maps.Sounding, maps.CIoU));
        }
        return Task.FromResult<IReadOnlyList<VisualizedImage>>(images);
    }

    public Task<ImageMaps?> GetMapsAsync(Guid experimentId, int image, string? evaluation = null, CancellationToken cancellationToken = default)
    {
        if (image < 0 || MapsFolder(experimentId, evaluation) is not { } folder)
            return Task.FromResult<ImageMaps?>(null);
        var path = Path.Combine(folder, ImageMapsFile.JsonName(image));
        if (!File.Exists(path))
            return Task.FromResult<ImageMaps?>(null);
        var maps = ImageMapsFile.Read(path);
        var classes = maps.Classes.Select(c => new ClassMap(c.Name, c.TrulySounding, c.Peak, c.Values,
            c.Boxes.Select(b => new SampleBox(c.Name, b.X, b.Y, b.Width, b.Height)).ToArray())).ToArray();
        return Task.FromResult<ImageMaps?>(new ImageMaps(maps.Image, FrameUrl(experimentId, maps.Image), maps.FrameSize, maps.Rows,
            maps.Columns, maps.Sounding, maps.CIoU, classes)
        { Detections = evaluation is null or MapsEvaluation.FinalKey ? Detections(experimentId, image) : [] });
    }

    // The detection kind's detector boxes over the final evaluation's images (same images: see DetectionData.VisualizedSet).
    private IReadOnlyList<DetectedBox> Detections(Guid experimentId, int image)
    {
        var path = Path.Combine(folders.RunDirectory(experimentId), DetectionsFile.EvaluationPath);
        if (!File.Exists(path))
            return [];
        return DetectionsFile.Read(path).Images.FirstOrDefault(i => i.Image == image)?.Detections
            .Select(d => new DetectedBox(d.Class, d.X, d.Y, d.Width, d.Height, d.Score)).ToArray() ?? [];
    }

    // Keys come from the page's query string: only "final" and eNNN name a folder, so nothing else reaches the file system.
    private string? MapsFolder(Guid experimentId, string? evaluation) => evaluation switch
    {
        null or MapsEvaluation.FinalKey => Path.Combine(folders.RunDirectory(experimentId), ImageMapsFile.Folder),
        _ when EpochKey().IsMatch(evaluation) => Path.Combine(folders.RunDirectory(experimentId), ImageMapsFile.EpochFolder(evaluation)),
        _ => null,
    };

    private static bool HasMaps(string folder) => Directory.Exists(folder) && Directory.EnumerateFiles(folder, "*.json").Any();

    // Epoch maps have no frames of their own: the test set, so each frame, is the final evaluation's.
    private static string FrameUrl(Guid experimentId, int image) =>
        RunFolders.Url(experimentId, $"{ImageMapsFile.Folder}/{ImageMapsFile.FrameName(image)}");

    [GeneratedRegex("^e[0-9]{3,4}$")]
    private static partial Regex EpochKey();
}
