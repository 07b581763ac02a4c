using Csol.Learning.Experiments;
using Csol.Learning.Models;
using TorchSharp;
using Xunit;

namespace Csol.Tests.Learning.Models;

[Trait("Category", "unit")]
public sealed class ResNet18BackboneTests
{
    [Fact]
    public void Visual_224Input_GivesEightTimesWidthBy14By14()
    {
        using var backbone = new ResNet18Backbone("visual", 3, baseWidth: 8);
        backbone.eval();
        using var noGrad = torch.no_grad();
        using var frame = torch.randn(1, 3, 224, 224);

        using var features = backbone.forward(frame);

        Assert.Equal(new long[] { 1, 64, 14, 14 }, features.shape);
    }

    [Fact]
    public void Audio_PaperLogMel_GivesLayer4Of13By4()
    {
        // Spec §2.1: (1, 201, 64) → conv1 101×32 → maxpool 51×16 → layer2 26×8 → layer3 13×4 → layer4 13×4.
        using var backbone = new ResNet18Backbone("audio", 1, baseWidth: 8);
        backbone.eval();
        using var noGrad = torch.no_grad();
        using var logMel = torch.randn(2, 1, 201, 64);

        using var features = backbone.forward(logMel);

        Assert.Equal(new long[] { 2, 64, 13, 4 }, features.shape);
    }

    [Fact]
    public void LocalizationNet_GivesOneLogitMapPerFrame()
    {
        using var net = new StageOneLocalizationNet(new StageOneModelConfig { BaseWidth = 4, ProjectionDim = 8 });
        net.eval();
        using var noGrad = torch.no_grad();
        using var frames = torch.randn(2, 3, 64, 64);
        using var logMel = torch.randn(2, 1, 64, 32);

        using var logits = net.forward(frames, logMel);

        Assert.Equal(new long[] { 2, 1, 4, 4 }, logits.shape);
        Assert.Equal(5.0, net.ConvAvWeight, 6);
        // |z| ≤ w because z = w·cos.
        Assert.True(logits.abs().max().item<float>() <= 5.0001f);
    }
}
