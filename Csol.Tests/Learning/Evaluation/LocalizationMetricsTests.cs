using Csol.Learning.Data;
using Csol.Learning.Evaluation;
using Xunit;

namespace Csol.Tests.Learning.Evaluation;

[Trait("Category", "unit")]
[Collection(nameof(LocalizationMetricsTests))] // its own collection: runs in parallel
public sealed class LocalizationMetricsTests
{
    [Fact]
    public void GroundTruthMask_TruncatesScaledBoxLikeTheReference()
    {
        // x=0.25·4=1, y=0.5·4=2, w=0.5·4=2, h=0.3·4=1.2 → rows 2..int(3.2)=3 (exclusive), columns 1..3 (exclusive).
        var mask = LocalizationMetrics.GroundTruthMask([new NormalizedBox(0.25, 0.5, 0.5, 0.3)], 4);

        bool[,] expected =
        {
            { false, false, false, false },
            { false, false, false, false },
            { false, true, true, false },
            { false, false, false, false },
        };
        Assert.Equal(expected, mask);
    }

    [Fact]
    public void ConsensusIoU_OnSmallMasks_MatchesHandCount()
    {
        // G: 4 pixels (2×2 top-left). P: 3 pixels, 2 inside G and 1 outside.
        // cIoU = |P∧G| / (|G| + |P∧¬G|) = 2 / (4 + 1) = 0.4.
        bool[,] truth = { { true, true, false }, { true, true, false }, { false, false, false } };
        bool[,] predicted = { { true, false, false }, { true, false, true }, { false, false, false } };

        Assert.Equal(0.4, LocalizationMetrics.ConsensusIoU(predicted, truth), 12);
    }

    [Fact]
    public void RelativeThreshold_KeepsValuesStrictlyAboveFractionOfMax()
    {
        float[,] map = { { 1.0f, 0.1f }, { 0.11f, 0.0f } }; // cut = 0.1 · 1.0

        var mask = LocalizationMetrics.RelativeThreshold(map, 0.1);

        Assert.Equal(new[,] { { true, false }, { true, false } }, mask);
    }

    [Fact]
    public void IoUAtThreshold_CountsFramesAtOrAboveThreshold()
    {
        double[] cious = [0.1, 0.5, 0.7, 0.3];

        Assert.Equal(0.5, LocalizationMetrics.IoUAtThreshold(cious, 0.5), 12); // 0.5 and 0.7
    }

    [Fact]
    public void AreaUnderCurve_IsTrapezoidOverTwentyOneThresholds()
    {
        // cIoUs 0.12, 0.52, 0.72, 0.32 (off the threshold grid) → r(t) = fraction ≥ t:
        //   t=0..0.1: 1 (t = 0, 0.05, 0.10), t=0.15..0.3: 0.75 (4 points), t=0.35..0.5: 0.5 (4 points),
        //   t=0.55..0.7: 0.25 (4 points), t=0.75..1.0: 0 (6 points).
        // Trapezoids (width 0.05): plateaus contribute 0.05·(n−1)·r, steps 0.05·(r₁+r₂)/2:
        //   1·2 + (1+0.75)/2 + 0.75·3 + (0.75+0.5)/2 + 0.5·3 + (0.5+0.25)/2 + 0.25·3 + (0.25+0)/2 + 0·5
        //   = 2 + 0.875 + 2.25 + 0.625 + 1.5 + 0.375 + 0.75 + 0.125 = 8.5 → 8.5 · 0.05 = 0.425.
        double[] cious = [0.12, 0.52, 0.72, 0.32];

        Assert.Equal(0.425, LocalizationMetrics.AreaUnderCurve(cious), 9);
    }

    [Fact]
    public void AreaUnderCurve_IsOneForPerfectAndZeroForEmptyPredictions()
    {
        Assert.Equal(1.0, LocalizationMetrics.AreaUnderCurve([1.0, 1.0]), 9);
        Assert.Equal(0.05 / 2, LocalizationMetrics.AreaUnderCurve([0.0]), 9); // only r(0) = 1
    }
}
