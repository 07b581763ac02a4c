using Csol.Learning.Models;
using TorchSharp;
using Xunit;

namespace Csol.Tests.Learning.Models;

[Trait("Category", "unit")]
public sealed class AudioVisualCorrespondenceLossTests
{
    [Fact]
    public void LogitForm_EqualsBceOnSigmoidOfGlobalMaxPool()
    {
        // Two 2×2 logit maps: a matched pair (max logit 2) and a mismatched pair (max logit 0.5).
        // p₁ = σ(2) = 0.880797, p₂ = σ(0.5) = 0.622459.
        // BCE = −½[ln p₁ + ln(1 − p₂)] = −½[−0.126928 + (−0.974077)] = 0.550503.
        using var logits = torch.tensor(new float[] { -1f, 2f, 0f, 1f, 0.5f, -3f, 0.2f, 0f }, [2, 1, 2, 2]);
        using var labels = torch.tensor(new float[] { 1f, 0f });

        using var loss = AudioVisualCorrespondenceLoss.Compute(logits, labels);

        Assert.Equal(0.550503, loss.item<float>(), 5);
        using var probabilities = StageOneLocalizationNet.MatchProbability(logits);
        var p = probabilities.data<float>().ToArray();
        var reference = -0.5 * (Math.Log(p[0]) + Math.Log(1 - p[1]));
        Assert.Equal(reference, loss.item<float>(), 5);
    }
}
