using Csol.Grains.Abstractions;

namespace Csol.Grains.Services;

/// <summary>Files a run wrote that the dashboard shows: the evaluated test images with their per-class maps.</summary>
public interface IExperimentArtifacts
{
    /// <summary>The images with saved maps, by index; empty when the run has none (a stage-one run, or not evaluated yet).</summary>
    Task<IReadOnlyList<VisualizedImage>> ListImagesAsync(Guid experimentId, CancellationToken cancellationToken = default);

    /// <summary>Null when the run has no maps for that image.</summary>
    Task<ImageMaps?> GetMapsAsync(Guid experimentId, int image, CancellationToken cancellationToken = default);
}
