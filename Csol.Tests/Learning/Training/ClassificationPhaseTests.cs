using Csol.Learning.Experiments;
using Csol.Learning.Models;
using Csol.Learning.Training;
using TorchSharp;
using Xunit;

namespace Csol.Tests.Learning.Training;

[Trait("Category", "unit")]
public sealed class ClassificationPhaseTests
{
    [Fact]
    public void Step_RepeatedOnATinyBatch_ReducesTheClassificationLoss()
    {
        torch.manual_seed(3);
        using var net = new StageOneLocalizationNet(new StageOneModelConfig { BaseWidth = 4, ProjectionDim = 8 }, classes: 2);
        using var locationOptimizer = new AdamOptimizer(net.LocalizationParameters(), 1e-3, weightDecay: 1e-4);
        using var headOptimizer = new AdamOptimizer(net.Classifier.parameters(), 1e-2, weightDecay: 1e-4);
        using var images = torch.randn(4, 3, 32, 32, generator: new torch.Generator(1));
        using var audio = torch.randn(4, 1, 32, 16, generator: new torch.Generator(2));
        using var labels = torch.tensor(new long[] { 0, 1, 0, 1 });
        net.train();

        var first = ClassificationPhase.Step(net, locationOptimizer, headOptimizer, audio, images, labels);
        var last = first;
        for (var i = 0; i < 15; i++)
            last = ClassificationPhase.Step(net, locationOptimizer, headOptimizer, audio, images, labels);

        // Heads start at N(0, 0.01): logits ≈ 0, so each CE ≈ ln 2 and the sum ≈ 2 ln 2.
        Assert.Equal(2 * Math.Log(2), first, 1);
        Assert.True(last < first * 0.8, $"cls_loss {first:F3} → {last:F3}");
    }

    [Fact]
    public void Step_WithoutLocationOptimizer_TrainsTheHeadsOnlyAndLeavesTheLocationMomentsAlone()
    {
        torch.manual_seed(3);
        using var net = new StageOneLocalizationNet(new StageOneModelConfig { BaseWidth = 4, ProjectionDim = 8 }, classes: 2);
        using var locationOptimizer = new AdamOptimizer(net.LocalizationParameters(), 1e-3);
        using var headOptimizer = new AdamOptimizer(net.Classifier.parameters(), 1e-2);
        using var images = torch.randn(4, 3, 32, 32, generator: new torch.Generator(1));
        using var audio = torch.randn(4, 1, 32, 16, generator: new torch.Generator(2));
        using var labels = torch.tensor(new long[] { 0, 1, 0, 1 });
        var location = net.LocalizationParameters().Select(p => p.detach().clone()).ToArray();
        var heads = net.Classifier.parameters().Select(p => p.detach().clone()).ToArray();
        net.train();

        for (var i = 0; i < 3; i++)
            ClassificationPhase.Step(net, locationOptimizer: null, headOptimizer, audio, images, labels);

        // The regression's cause: stepping the shared location optimizer with L_cls moves the backbones and fills its Adam
        // moments with classification gradients that the next localization phase then follows.
        Assert.All(net.LocalizationParameters().Zip(location),
            p => Assert.True(p.First.allclose(p.Second, rtol: 0, atol: 0), "a localization parameter moved"));
        Assert.All(net.LocalizationParameters(),
            p => Assert.True(p.grad is null || p.grad.abs().sum().item<float>() == 0, "a localization parameter got a gradient"));
        Assert.Equal(0, locationOptimizer.StepCount);
        Assert.Contains(net.Classifier.parameters().Zip(heads), p => !p.First.allclose(p.Second, rtol: 0, atol: 0));
        foreach (var tensor in location.Concat(heads))
            tensor.Dispose();
    }

    [Fact]
    public void LocalizationParameters_LeaveOutExactlyTheFourHeadParameters()
    {
        using var net = new StageOneLocalizationNet(new StageOneModelConfig { BaseWidth = 2, ProjectionDim = 4 }, classes: 3);

        var all = net.parameters().ToArray();
        var location = net.LocalizationParameters().ToArray();

        Assert.Equal(all.Length - 4, location.Length);
        // The heads are registered last: the reference's "all but the last 4 registered parameters".
        Assert.Equal(all[..^4], location);
    }
}
