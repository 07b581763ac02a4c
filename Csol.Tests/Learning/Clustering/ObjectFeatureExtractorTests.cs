using Csol.Learning.Clustering;
using TorchSharp;
using Xunit;

namespace Csol.Tests.Learning.Clustering;

[Trait("Category", "unit")]
public sealed class ObjectFeatureExtractorTests
{
    [Fact]
    public void ObjectMask_ThresholdsThenDilatesInteriorPixelsOnly()
    {
        // 5×5 map: (2,2) is interior and above τ → becomes a cross; (0,4) is above τ but on the border → stays alone;
        // (3,0) is 0.05, not > τ = 0.05 → not in the mask.
        var values = new float[25];
        values[2 * 5 + 2] = 0.9f;
        values[0 * 5 + 4] = 0.6f;
        values[3 * 5 + 0] = 0.05f;
        using var map = torch.tensor(values, [1, 1, 5, 5]);

        using var mask = ObjectFeatureExtractor.ObjectMask(map, 0.05);

        float[] expected =
        [
            0, 0, 0, 0, 1,
            0, 0, 1, 0, 0,
            0, 1, 1, 1, 0,
            0, 0, 1, 0, 0,
            0, 0, 0, 0, 0,
        ];
        Assert.Equal(expected, mask.data<float>().ToArray());
    }

    [Fact]
    public void Pool_IsTheMeanOverAllPositions_NotOverTheMask()
    {
        // 2 channels on a 2×2 map; the mask keeps only the top-left pixel, where v = (4, 8).
        // Mean over all 4 positions: (4/4, 8/4) = (1, 2); a mean over the mask area would give (4, 8).
        using var features = torch.tensor(new float[] { 4, 1, 1, 1, 8, 2, 2, 2 }, [1, 2, 2, 2]);
        using var mask = torch.tensor(new float[] { 1, 0, 0, 0 }, [1, 1, 2, 2]);

        using var pooled = ObjectFeatureExtractor.Pool(features, mask);

        Assert.Equal(new float[] { 1, 2 }, pooled.data<float>().ToArray());
    }
}
