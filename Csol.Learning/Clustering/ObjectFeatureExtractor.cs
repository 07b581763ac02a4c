using Csol.Learning.Data;
using Csol.Learning.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Csol.Learning.Clustering;

/// <summary>Object features <c>o</c> of the sounding objects (spec §2.3): the visual features under the thresholded,
/// slightly dilated localization map, averaged over the whole frame.</summary>
/// <remarks>Deviation: the reference extracts with the training transforms (random crop/flip, a random frame per
/// second), so its features, and the clusters, carry augmentation noise (spec §7). We extract with the evaluation
/// transforms: no flip, the clip's one frame, network in eval mode, so a clustering is a function of the weights.</remarks>
public static class ObjectFeatureExtractor
{
    /// <summary><c>m = 1[l &gt; τ]</c> followed by <see cref="DilateCross"/>: (N,1,h,w) float 0/1.</summary>
    public static Tensor ObjectMask(Tensor localizationMap, double threshold)
    {
        using var scope = NewDisposeScope();
        using var tau = threshold.ToScalar();
        return DilateCross(localizationMap.gt(tau).to_type(ScalarType.Float32)).MoveToOuterDisposeScope();
    }

    /// <summary>The reference's 4-neighbour "cross" dilation: every mask pixel that is <em>not on the border</em> also
    /// marks its up, down, left and right neighbours. Border pixels stay as they are and spread nothing.</summary>
    public static Tensor DilateCross(Tensor mask)
    {
        using var scope = NewDisposeScope();
        long h = mask.shape[^2], w = mask.shape[^1];
        var inner = zeros_like(mask);
        if (h > 2 && w > 2)
            inner[.., .., TensorIndex.Slice(1, h - 1), TensorIndex.Slice(1, w - 1)] =
                mask[.., .., TensorIndex.Slice(1, h - 1), TensorIndex.Slice(1, w - 1)];
        var padded = nn.functional.pad(inner, [1, 1, 1, 1]);
        var neighbours = padded[.., .., TensorIndex.Slice(0, h), TensorIndex.Slice(1, w + 1)]    // from the pixel above
            + padded[.., .., TensorIndex.Slice(2, h + 2), TensorIndex.Slice(1, w + 1)]            // below
            + padded[.., .., TensorIndex.Slice(1, h + 1), TensorIndex.Slice(0, w)]                // left
            + padded[.., .., TensorIndex.Slice(1, h + 1), TensorIndex.Slice(2, w + 2)];           // right
        using var zero = 0.ToScalar();
        return (mask + neighbours).gt(zero).to_type(mask.dtype).MoveToOuterDisposeScope();
    }

    /// <summary><c>o = (1/hw) Σ_ij v_fea[:,i,j]·m_ij</c>: the mean over <em>all</em> positions, not over the mask area
    /// (spec §2.3), so an object's feature also scales with its size. (N,C,h,w) × (N,1,h,w) → (N,C).</summary>
    public static Tensor Pool(Tensor visualFeatures, Tensor mask) => (visualFeatures * mask).mean([2, 3]);

    /// <summary>One object feature per clip of <paramref name="set"/>, in clip order, on the CPU (N, 8w).</summary>
    public static (Tensor Features, int[] Classes) Extract(StageOneLocalizationNet net, ProceduralAudioVisualSet set,
        int batchSize, double threshold, Device device, CancellationToken cancellationToken)
    {
        var batcher = new CorrespondenceBatcher(set, new Random(0), flipProbability: 0, device);
        var batches = batcher.PlanEpoch(batchSize, shuffle: false).Select(clips =>
        {
            var (audio, images, _) = batcher.BuildPositives(clips);
            return (audio, images);
        });
        return (Extract(net, batches, threshold, cancellationToken), set.Clips.Select(c => c.ClassIndex).ToArray());
    }

    /// <summary>One object feature per (audio, frames) pair of <paramref name="batches"/>, in order, on the CPU (N, 8w).
    /// Each batch's tensors are disposed here.</summary>
    public static Tensor Extract(StageOneLocalizationNet net, IEnumerable<(Tensor Audio, Tensor Images)> batches,
        double threshold, CancellationToken cancellationToken)
    {
        var features = new List<Tensor>();
        var wasTraining = net.training;
        net.eval();
        try
        {
            using var noGrad = no_grad();
            foreach (var (audio, images) in batches)
            {
                using var scope = NewDisposeScope();
                using var ownedAudio = audio;
                using var ownedImages = images;
                cancellationToken.ThrowIfCancellationRequested();
                var visualFeatures = net.VisualFeatures(images);
                var map = StageOneLocalizationNet.LocalizationMap(net.LocalizeFeatures(visualFeatures, net.EmbedAudio(audio)));
                features.Add(Pool(visualFeatures, ObjectMask(map, threshold)).cpu().MoveToOuterDisposeScope());
            }
            return cat(features, 0);
        }
        finally
        {
            foreach (var feature in features)
                feature.Dispose();
            net.train(wasTraining);
        }
    }
}
