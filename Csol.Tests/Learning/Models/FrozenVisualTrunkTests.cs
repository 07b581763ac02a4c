using Csol.Learning.Experiments;
using Csol.Learning.Models;
using Csol.Learning.Training;
using TorchSharp;
using Xunit;

namespace Csol.Tests.Learning.Models;

/// <summary><see cref="StageOneLocalizationNet.VisualFrozen"/> (<c>training.freezeVisualEpochs</c>): a training step
/// leaves the visual trunk's weights and BatchNorm statistics as they were and still trains the rest.</summary>
[Trait("Category", "unit")]
public sealed class FrozenVisualTrunkTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_step_changes_the_visual_trunk_only_when_it_is_not_frozen(bool frozen)
    {
        torch.manual_seed(3);
        using var net = new StageOneLocalizationNet(new StageOneModelConfig { BaseWidth = 4, ProjectionDim = 8 }, classes: 3)
        {
            VisualFrozen = frozen,
        };
        net.train();
        using var optimizer = new AdamOptimizer(net.LocalizationParameters(), 1e-2);
        var visualBefore = Snapshot(net.Visual);
        var audioBefore = net.named_parameters().Where(p => p.name.StartsWith("audio", StringComparison.Ordinal))
            .ToDictionary(p => p.name, p => p.parameter.detach().clone());

        using (torch.NewDisposeScope())
        {
            var images = torch.randn(4, 3, 32, 32);
            var audio = torch.randn(2, 1, 32, 16);
            var labels = torch.tensor(new float[] { 1, 0, 1, 0 });
            var logits = net.Localize(images, net.EmbedAudio(audio).repeat_interleave(2, dim: 0));
            AudioVisualCorrespondenceLoss.Compute(logits, labels).backward();
            optimizer.Step();
        }

        var visualChange = net.Visual.state_dict().Max(p => (p.Value - visualBefore[p.Key]).abs().max().item<float>());
        var audioChange = net.named_parameters().Where(p => audioBefore.ContainsKey(p.name))
            .Max(p => (p.parameter - audioBefore[p.name]).abs().max().item<float>());
        Assert.True(audioChange > 0, "the audio network did not train");
        if (frozen)
            Assert.Equal(0f, visualChange); // weights and running statistics alike
        else
            Assert.True(visualChange > 0);
        Assert.True(net.Visual.training, "the trunk must be back in train mode after a frozen forward");
    }

    private static Dictionary<string, torch.Tensor> Snapshot(torch.nn.Module module)
        => module.state_dict().ToDictionary(p => p.Key, p => p.Value.detach().clone());
}
