using Csol.Learning.Data;
using Csol.Learning.Evaluation;
using Xunit;
using static TorchSharp.torch;

namespace Csol.Tests.Learning.Evaluation;

/// <summary>Hand-computed cases at 224 px, scored the way the reference's tools.py / eval.py do: bilinear upsampling
/// (half-pixel centres), <c>pred &gt; θ·max</c>, the truncated box mask, and the <c>0.05 * i</c> grid.</summary>
[Trait("Category", "unit")]
public sealed class ReferenceGridMetricsTests
{
    [Fact]
    public void Grid_IsPointZeroFiveTimesI_NotIOverTwenty()
    {
        int[] differing = [3, 6, 7, 12, 14, 17, 19];
        for (var i = 0; i <= 20; i++)
            Assert.Equal(differing.Contains(i), LocalizationMetrics.AucThresholds[i] != i / 20.0);
        Assert.Equal(0.30000000000000004, LocalizationMetrics.CIoUAt03Threshold);
        Assert.Equal(0.5, LocalizationMetrics.At05Threshold);
    }

    [Fact]
    public void ConstantMap_PredictsEverything_CIoUIsTheBoxShare()
    {
        // Box [0.1, 0.2, 0.3, 0.4]·224 → rows int(44.8)..int(134.4) = 90, columns int(22.4)..int(89.6) = 67: 6030 pixels.
        // A constant 0.5 map is above 0.1·0.5 everywhere, so cIoU = 6030 / (6030 + 50176 − 6030).
        var evaluator = new SingleSourceEvaluator(224, 0.1);
        evaluator.Add(full(1, 1, 4, 4, 0.5f), [[new NormalizedBox(0.1, 0.2, 0.3, 0.4)]]);

        Assert.Equal(6030.0 / 50176.0, Assert.Single(evaluator.ConsensusIoUs), 15);
    }

    [Fact]
    public void CIoUOfExactlyPointThree_IsBelowTheReferenceGridPoint()
    {
        // Columns 0–3 of a 14×14 map at 1: upsampled ×16, column x has value 1 − ((x + 0.5)/16 − 0.5 − 3) for x in
        // 56..71, so x ≤ 69 stays above 0.1 (x = 69: 0.15625; x = 70: 0.09375): 70 columns predicted. The box
        // [0, 0, 0.09375, 1] is 21 columns: cIoU = 21·224 / (21·224 + 49·224) = 0.3 exactly.
        // r(t) = 1 for t = 0.05·i, i ≤ 5, and 0 from i = 6 (0.30000000000000004 > 0.3):
        // AUC = 5·0.05 + 0.05/2 = 0.275 (the i/20 grid would count i = 6 too: 0.325).
        var map = zeros(1, 1, 14, 14);
        map[.., .., .., TensorIndex.Slice(0, 4)] = tensor(1f);
        var box = new NormalizedBox(0, 0, 0.09375, 1);

        var single = new SingleSourceEvaluator(224, 0.1);
        single.Add(map, [[box]]);
        Assert.Equal(0.3, Assert.Single(single.ConsensusIoUs));
        Assert.Equal(0.275, single.AreaUnderCurve, 12);

        var assignment = new ClusterClassAssignment(new[,] { { true } }, [0], [0], 1);
        var multi = new MultiSourceEvaluator(assignment, 224, 0.1);
        multi.Add(map, [[new SoundingObject(0, box)]]);
        Assert.Equal(0.3, Assert.Single(multi.ImageConsensusIoUs));
        Assert.Equal(0.0, multi.CIoUAt03); // eval.py's results[6]
        Assert.Equal(0.275, multi.AreaUnderCurve, 12);
    }

    [Fact]
    public void TopLeftQuarter_SpillsPastItsBox_ByTheBilinearRamp()
    {
        // The 2×2 top-left block upsampled ×56 ramps from 1 to 0 between source coordinates 1 and 2; pixels with
        // fx·fy > 0.1 reach past the 112×112 box (12544 pixels) by 5012: cIoU = 12544 / 17556.
        var map = zeros(1, 1, 4, 4);
        map[.., .., TensorIndex.Slice(0, 2), TensorIndex.Slice(0, 2)] = tensor(1f);
        var evaluator = new SingleSourceEvaluator(224, 0.1);
        evaluator.Add(map, [[new NormalizedBox(0, 0, 0.5, 0.5)]]);

        Assert.Equal(12544.0 / 17556.0, Assert.Single(evaluator.ConsensusIoUs), 15);
    }
}
