using Csol.Abstractions;

namespace Csol.Abstractions.Services;

/// <summary>Files a run wrote that the dashboard shows: the evaluated test images with their per-class maps, for the
/// final evaluation and for earlier stage-two epochs.</summary>
/// <remarks><c>evaluation</c> is a <see cref="MapsEvaluation.Key"/>; null means the final evaluation.</remarks>
public interface IExperimentArtifacts
{
    /// <summary>The evaluations with saved maps, final first, then earlier epochs in order; empty when the run has none.</summary>
    Task<IReadOnlyList<MapsEvaluation>> ListEvaluationsAsync(Guid experimentId, CancellationToken cancellationToken = default);

    /// <summary>The images with saved maps, by index; empty when the run has none (a stage-one run, or not evaluated yet).</summary>
    Task<IReadOnlyList<VisualizedImage>> ListImagesAsync(Guid experimentId, string? evaluation = null, CancellationToken cancellationToken = default);

    /// <summary>Null when the run has no maps for that image (or no such evaluation).</summary>
    Task<ImageMaps?> GetMapsAsync(Guid experimentId, int image, string? evaluation = null, CancellationToken cancellationToken = default);
}
