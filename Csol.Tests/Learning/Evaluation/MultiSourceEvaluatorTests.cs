using Csol.Learning.Data;
using Csol.Learning.Evaluation;
using TorchSharp;
using Xunit;

namespace Csol.Tests.Learning.Evaluation;

[Trait("Category", "unit")]
public sealed class MultiSourceEvaluatorTests
{
    // Two classes, three clusters: class 0 = clusters {0, 1} (primary 0), class 1 = cluster {2}.
    private static readonly ClusterClassAssignment Matching =
        ClusterClassMatching.Match(new double[,] { { 0.6, 0.3, 0.1 }, { 0.1, 0.2, 0.7 } });

    [Fact]
    public void CIoU_AUC_NSA_and_per_class_scores_match_a_hand_computation()
    {
        // 4×4 maps at imageSize 4, so the bilinear resize is the identity.
        // Image A, class 0 sounds in the left half (8 px). Q0 = P0 + P1 = 0.7 on columns 0–2, 0.2 on column 3;
        // θ = 0.5 → cut 0.35 → 12 px predicted, 8 inside: cIoU = 8 / (8 + 4) = 2/3.
        // NSA over clusters 1 and 2 (not the primary 0): P1 = 0.1 everywhere → 1; P2 = 0.3 on column 3 → 12/16.
        // Image NSA = (1 + 0.75) / 2 = 0.875.
        var imageA = Maps(
            (r, c) => c < 3 ? 0.6f : 0.1f,
            (_, _) => 0.1f,
            (r, c) => c == 3 ? 0.3f : 0.1f);
        // Image B, class 1 sounds in column 3 (4 px). Q1 = P2 = 0.9 there, 0.05 elsewhere → cIoU 1.
        // NSA over clusters 0 and 1 (primary of class 1 is 2): P0 = 0.5 → 0 quiet; P1 = 0.05 → 1. Image NSA = 0.5.
        var imageB = Maps(
            (_, _) => 0.5f,
            (_, _) => 0.05f,
            (r, c) => c == 3 ? 0.9f : 0.05f);
        using var probabilities = torch.stack([imageA, imageB]);
        var evaluator = new MultiSourceEvaluator(Matching, imageSize: 4, relativeThreshold: 0.5);

        evaluator.Add(probabilities,
        [
            [new SoundingObject(0, new NormalizedBox(0, 0, 0.5, 1))],
            [new SoundingObject(1, new NormalizedBox(0.75, 0, 0.25, 1))],
        ]);

        Assert.Equal([2.0 / 3, 1.0], evaluator.ImageConsensusIoUs.Select(v => Math.Round(v, 12)).ToArray(), new RoundedComparer());
        Assert.Equal(1.0, evaluator.CIoUAt03);
        Assert.Equal(1.0, evaluator.CIoUAt05);
        // r(t) = 1 for t ≤ 0.65, 0.5 for t ≥ 0.7: 0.65·1 + 0.05·(1 + 0.5)/2 + 0.3·0.5 = 0.8375.
        Assert.Equal(0.8375, evaluator.AreaUnderCurve, 9);
        Assert.Equal((0.875 + 0.5) / 2, evaluator.NoSoundingArea, 9);
        Assert.Equal(2.0 / 3, evaluator.PerClassCIoU[0], 9);
        Assert.Equal(1.0, evaluator.PerClassCIoU[1], 9);
    }

    [Fact]
    public void Images_without_sounding_objects_are_skipped()
    {
        using var probabilities = torch.stack([Maps((_, _) => 0.3f, (_, _) => 0.3f, (_, _) => 0.4f)]);
        var evaluator = new MultiSourceEvaluator(Matching, imageSize: 4, relativeThreshold: 0.5);

        evaluator.Add(probabilities, [[]]);

        Assert.Empty(evaluator.ImageConsensusIoUs);
        Assert.True(double.IsNaN(evaluator.PerClassCIoU[0]));
    }

    [Fact]
    public void NoSoundingAreaScore_counts_pixels_at_or_below_the_threshold()
    {
        float[,] map = { { 0.1f, 0.2f }, { 0.21f, 0.9f } };

        Assert.Equal(0.5, MultiSourceEvaluator.NoSoundingAreaScore(map, 0.2));
    }

    private static torch.Tensor Maps(params Func<int, int, float>[] clusters)
    {
        var values = new float[clusters.Length * 16];
        for (var k = 0; k < clusters.Length; k++)
            for (var r = 0; r < 4; r++)
                for (var c = 0; c < 4; c++)
                    values[k * 16 + r * 4 + c] = clusters[k](r, c);
        return torch.tensor(values, [clusters.Length, 4, 4]);
    }

    private sealed class RoundedComparer : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) < 1e-9;
        public int GetHashCode(double obj) => 0;
    }
}
