using Csol.Grains.Abstractions;
using Csol.Grains.Services;
using Csol.Learning.Evaluation;

namespace Csol.Silo.Artifacts;

/// <summary>Reads the maps the pipeline's evaluation saved under <c>evaluation/maps/</c> of a run.</summary>
public sealed class RunArtifacts(RunFolders folders) : IExperimentArtifacts
{
    public Task<IReadOnlyList<VisualizedImage>> ListImagesAsync(Guid experimentId, CancellationToken cancellationToken = default)
    {
        var folder = Path.Combine(folders.RunDirectory(experimentId), ImageMapsFile.Folder);
        if (!Directory.Exists(folder))
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

    public Task<ImageMaps?> GetMapsAsync(Guid experimentId, int image, CancellationToken cancellationToken = default)
    {
        var path = Path.Combine(folders.RunDirectory(experimentId), ImageMapsFile.Folder, ImageMapsFile.JsonName(image));
        if (image < 0 || !File.Exists(path))
            return Task.FromResult<ImageMaps?>(null);
        var maps = ImageMapsFile.Read(path);
        var classes = maps.Classes.Select(c => new ClassMap(c.Name, c.TrulySounding, c.Peak, c.Values,
            c.Boxes.Select(b => new SampleBox(c.Name, b.X, b.Y, b.Width, b.Height)).ToArray())).ToArray();
        return Task.FromResult<ImageMaps?>(new ImageMaps(maps.Image, FrameUrl(experimentId, maps.Image), maps.FrameSize, maps.Rows,
            maps.Columns, maps.Sounding, maps.CIoU, classes));
    }

    private static string FrameUrl(Guid experimentId, int image) =>
        RunFolders.Url(experimentId, $"{ImageMapsFile.Folder}/{ImageMapsFile.FrameName(image)}");
}
