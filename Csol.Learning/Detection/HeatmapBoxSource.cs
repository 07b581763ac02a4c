using Csol.Learning.Data;
using Csol.Learning.Evaluation;
using Csol.Learning.Experiments;
using Csol.Learning.Models;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Csol.Learning.Detection;

/// <summary>Runs the stage-two network over composites and turns each one's class maps into pseudo-boxes
/// (<see cref="HeatmapBoxes"/>).</summary>
/// <remarks>Maps: P = softmax_k(scale·S) with each image's own audio (<c>sounding</c>) or softmax_k(scale·M) of the
/// dictionary responses without audio (<c>visual</c>); class c's map sums its matched clusters (as the multi-source
/// evaluation does); maps are upsampled bilinearly to the image side first, as the evaluators upsample them, so box
/// edges fall on pixels rather than on 16-pixel cells.</remarks>
public static class HeatmapBoxSource
{
    public static IReadOnlyList<ScoredBox> Extract(StageTwoLocalizationNet net, ProceduralCocktailPartySet set, ClusterClassAssignment matching,
        ExperimentConfig config, Device device, CancellationToken cancellationToken)
    {
        var settings = config.Detection.PseudoBoxes;
        var batcher = new ProceduralCocktailPartyBatcher(set, new Random(0), device);
        var boxes = new List<ScoredBox>();
        net.eval();
        try
        {
            using var noGrad = torch.no_grad();
            foreach (var indices in batcher.PlanEpoch(config.StageTwo.BatchSize, shuffle: false))
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                var images = batcher.Images(indices);
                var scores = settings.Maps == PseudoBoxConfig.VisualMaps
                    ? net.ObjectMaps.ClassMaps(net.StageOne.VisualFeatures(images))
                    : net.forward(images, batcher.Audio(indices)).Suppressed;
                var probabilities = ClassAwareObjectMaps.PixelProbabilities(scores, config.StageTwo.ProbabilityScale);
                var upsampled =
                    functional.interpolate(probabilities, [set.ImageSize, set.ImageSize], mode: InterpolationMode.Bilinear, align_corners: false);
                var values = upsampled.cpu().data<float>().ToArray();
                for (var n = 0; n < indices.Length; n++)
                    boxes.AddRange(HeatmapBoxes.Extract(set.Composites[indices[n]].Index, ClassMaps(values, n, matching, set.ImageSize), settings));
            }
        }
        finally
        {
            net.train();
        }
        return boxes;
    }

    /// <summary>Q_c = Σ_{k of c} P_k for batch row <paramref name="n"/> of (B,K,S,S) values.</summary>
    private static float[][,] ClassMaps(float[] values, int n, ClusterClassAssignment matching, int side)
    {
        var plane = side * side;
        var maps = new float[matching.Classes][,];
        for (var c = 0; c < matching.Classes; c++)
        {
            maps[c] = new float[side, side];
            foreach (var k in matching.ClustersOf(c))
            {
                var start = (n * matching.Clusters + k) * plane;
                for (var i = 0; i < plane; i++)
                    maps[c][i / side, i % side] += values[start + i];
            }
        }
        return maps;
    }
}
