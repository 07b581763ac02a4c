using Csol.Learning.Models;
using TorchSharp;
using Xunit;

namespace Csol.Tests.Learning.Models;

[Trait("Category", "unit")]
public sealed class ImageNetWeightsTests : IDisposable
{
    private readonly string path = Path.Combine(Path.GetTempPath(), $"csol-resnet18-{Guid.NewGuid():N}.tsdict");

    public void Dispose() => File.Delete(path);

    [Fact]
    public void LoadInto_TorchvisionShapedFile_LoadsEveryTensorAndSkipsFcAndCounters()
    {
        // A file as exportsd.py writes it from torchvision's resnet18: our names plus fc.* and num_batches_tracked.
        torch.manual_seed(1);
        using var source = new ResNet18Backbone("visual", 3, baseWidth: 8);
        var state = new Dictionary<string, torch.Tensor>(source.state_dict())
        {
            ["fc.weight"] = torch.randn(1000, 64),
            ["fc.bias"] = torch.zeros(1000),
            ["bn1.num_batches_tracked"] = torch.tensor(100L),
            ["layer1.0.bn1.num_batches_tracked"] = torch.tensor(100L),
        };
        Assert.Contains("layer2.0.downsample.0.weight", state.Keys); // torchvision's naming
        using (var writer = new BinaryWriter(File.Create(path)))
            torch.nn.Module.save_state_dict(writer, state);

        torch.manual_seed(2);
        using var target = new ResNet18Backbone("visual", 3, baseWidth: 8);
        Assert.False(target.state_dict()["conv1.weight"].allclose(source.state_dict()["conv1.weight"], rtol: 0, atol: 0));
        ImageNetWeights.LoadInto(target, path);

        foreach (var (name, tensor) in source.state_dict())
            Assert.True(tensor.allclose(target.state_dict()[name], rtol: 0, atol: 0), name);
    }

    [Fact]
    public void LoadInto_WrongWidth_SaysWhy()
    {
        using (var source = new ResNet18Backbone("visual", 3, baseWidth: 4))
            source.save(path);
        using var target = new ResNet18Backbone("visual", 3, baseWidth: 8);

        Assert.ThrowsAny<Exception>(() => ImageNetWeights.LoadInto(target, path));
    }
}
