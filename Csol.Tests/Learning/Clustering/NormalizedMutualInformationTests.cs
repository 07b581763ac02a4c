using Csol.Learning.Clustering;
using Xunit;

namespace Csol.Tests.Learning.Clustering;

[Trait("Category", "unit")]
public sealed class NormalizedMutualInformationTests
{
    [Fact]
    public void PerfectAgreementUpToRenaming_IsOne()
        => Assert.Equal(1.0, NormalizedMutualInformation.Compute([0, 0, 1, 1, 2], [2, 2, 0, 0, 1]), 12);

    [Fact]
    public void IndependentLabelings_AreZero()
        // Every (truth, cluster) pair occurs once: p(t,c) = p(t)p(c), so I = 0.
        => Assert.Equal(0.0, NormalizedMutualInformation.Compute([0, 0, 1, 1], [0, 1, 0, 1]), 12);

    [Fact]
    public void TwoByTwo_MatchesTheHandComputation()
    {
        // truth [0,0,0,1], clusters [0,0,1,1]; N = 4, counts n(0,0)=2, n(0,1)=1, n(1,1)=1; truth 3/1, clusters 2/2.
        // I = ½ ln(4·2/(3·2)) + ¼ ln(4·1/(3·2)) + ¼ ln(4·1/(1·2)) = ½ ln(4/3) + ¼ ln(2/3) + ¼ ln 2 = 0.2157616
        // H(truth) = −(¾ ln ¾ + ¼ ln ¼) = 0.5623351, H(clusters) = ln 2 = 0.6931472
        // NMI = I / ((H_t + H_c)/2) = 0.2157616 / 0.6277411 = 0.3437110
        var expected = (0.5 * Math.Log(4.0 / 3) + 0.25 * Math.Log(2.0 / 3) + 0.25 * Math.Log(2))
                       / ((-(0.75 * Math.Log(0.75) + 0.25 * Math.Log(0.25)) + Math.Log(2)) / 2);

        var nmi = NormalizedMutualInformation.Compute([0, 0, 0, 1], [0, 0, 1, 1]);

        Assert.Equal(expected, nmi, 12);
        Assert.Equal(0.3437110, nmi, 6);
    }

    [Fact]
    public void BothConstant_IsOne_OneConstant_IsZero()
    {
        Assert.Equal(1.0, NormalizedMutualInformation.Compute([3, 3, 3], [1, 1, 1]));
        Assert.Equal(0.0, NormalizedMutualInformation.Compute([0, 1, 2], [1, 1, 1]));
    }
}
