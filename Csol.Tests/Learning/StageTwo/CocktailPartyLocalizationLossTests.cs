using Csol.Learning.Models;
using TorchSharp;
using Xunit;

namespace Csol.Tests.Learning.StageTwo;

[Trait("Category", "unit")]
public sealed class CocktailPartyLocalizationLossTests
{
    private static double Softplus(double x) => Math.Log(1 + Math.Exp(x));

    [Fact]
    public void QuadrantMaxPool_4x4Map_OneMaximumPerQuadrantInReadingOrder()
    {
        using var map = torch.tensor(new float[]
        {
            1, 2,   0, 0,
            0, 3,   7, 0,
            -1, -2, 5, 5,
            -3, -4, 5, 9,
        }, [1, 1, 4, 4]);

        using var quadrants = CocktailPartyLocalizationLoss.QuadrantMaxPool(map);

        Assert.Equal([3f, 7f, -1f, 9f], quadrants.data<float>().ToArray());
    }

    [Fact]
    public void Compute_OnePositiveOneNegative_MatchesHandComputation()
    {
        // Positive: GMP(z) = 2 → BCE(σ(2), 1) = softplus(−2).
        using var positive = torch.tensor(new float[] { 0, 2, -1, 1 }, [1, 1, 2, 2]);
        // Negative 4×4: quadrant maxima 1, −2, 0, 3 → each BCE(σ(q), 0) = softplus(q), mean over the 4.
        using var negative = torch.tensor(new float[]
        {
            1, 0,    -2, -3,
            -1, -5,  -4, -2,
            0, -1,   3, 1,
            -2, -3,  2, 0,
        }, [1, 1, 4, 4]);
        var expected = 0.5 * (Softplus(-2) + (Softplus(1) + Softplus(-2) + Softplus(0) + Softplus(3)) / 4);

        using var loss = CocktailPartyLocalizationLoss.Compute(positive, negative);

        Assert.Equal(expected, loss.item<float>(), 5);
    }

    [Fact]
    public void Compute_EqualsProbabilityFormOfTheReference()
    {
        // The reference: 0.5·(BCE(GMP(σ(z)), 1) + BCE(AdaptiveMaxPool2d(2)(σ(z)), 0)) on probabilities.
        torch.manual_seed(3);
        using var positive = torch.randn(3, 1, 6, 6);
        using var negative = torch.randn(2, 1, 6, 6);
        using var p = torch.sigmoid(positive).flatten(1).amax(1);
        using var q = torch.nn.functional.adaptive_max_pool2d(torch.sigmoid(negative), [2, 2]).flatten(1);
        using var reference = 0.5 * (torch.nn.functional.binary_cross_entropy(p, torch.ones_like(p))
                                     + torch.nn.functional.binary_cross_entropy(q, torch.zeros_like(q)));

        using var loss = CocktailPartyLocalizationLoss.Compute(positive, negative);

        Assert.Equal(reference.item<float>(), loss.item<float>(), 5);
    }
}
