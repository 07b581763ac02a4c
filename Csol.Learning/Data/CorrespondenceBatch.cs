using TorchSharp;

namespace Csol.Learning.Data;

/// <summary>B matched pairs as the network sees them (spec §1.1): each audio goes with its own frame and a foreign one.</summary>
/// <param name="Audio">(B, 1, T, M): one clip per pair; the trainer repeats its embedding for both frames.</param>
/// <param name="Images">(2B, 3, S, S) interleaved [pos₀, neg₀, pos₁, neg₁, …].</param>
/// <param name="Labels">(2B) float: 1, 0, 1, 0, …</param>
/// <param name="PositiveBoxes">Boxes of the B positive frames (after any flip), for localization metrics.</param>
/// <param name="VisualFeatures">(2B, 8w, h, w) <c>v_fea</c> of the frames, already computed by a frozen trunk
/// (<c>training.cacheVisualFeatures</c>); then <paramref name="Images"/> may be empty and the trunk is not run.</param>
public sealed record CorrespondenceBatch(
    torch.Tensor Audio, torch.Tensor Images, torch.Tensor Labels, IReadOnlyList<NormalizedBox> PositiveBoxes,
    torch.Tensor? VisualFeatures = null) : IDisposable
{
    /// <summary>Frees the three tensors now (batches made outside the consumer's dispose scope are disposed by it).</summary>
    public void Dispose()
    {
        Audio.Dispose();
        Images.Dispose();
        Labels.Dispose();
        VisualFeatures?.Dispose();
    }
}
