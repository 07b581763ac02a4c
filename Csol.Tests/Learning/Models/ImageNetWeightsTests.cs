using Csol.Learning.Models;
using TorchSharp;
using TorchSharp.PyBridge;
using Xunit;

namespace Csol.Tests.Learning.Models;

[Trait("Category", "unit")]
public sealed class ImageNetWeightsTests : IDisposable
{
    private readonly string path = Path.Combine(Path.GetTempPath(), $"csol-resnet18-{Guid.NewGuid():N}.tsdict");
    private readonly string pth = Path.Combine(Path.GetTempPath(), $"csol-resnet18-{Guid.NewGuid():N}.pth");

    public void Dispose()
    {
        File.Delete(path);
        File.Delete(pth);
    }

    /// <summary>What torchvision's <c>resnet18-5c106cde.pth</c> holds for a backbone: our names plus fc.* and counters.</summary>
    private static Dictionary<string, torch.Tensor> TorchvisionState(ResNet18Backbone source) => new(source.state_dict())
    {
        ["fc.weight"] = torch.randn(1000, 64),
        ["fc.bias"] = torch.zeros(1000),
        ["bn1.num_batches_tracked"] = torch.tensor(100L),
        ["layer1.0.bn1.num_batches_tracked"] = torch.tensor(100L),
    };

    [Fact]
    public void LoadInto_TorchvisionPth_LoadsEveryTensorAndSkipsFcAndCounters()
    {
        // Written by PyBridge's pickler, i.e. torch.save(state_dict) format, from a randomly initialised backbone.
        torch.manual_seed(3);
        using var source = new ResNet18Backbone("visual", 3, baseWidth: 8);
        PyTorchPickler.PickleStateDict(pth, TorchvisionState(source));

        torch.manual_seed(4);
        using var target = new ResNet18Backbone("visual", 3, baseWidth: 8);
        ImageNetWeights.LoadInto(target, pth);

        foreach (var (name, tensor) in source.state_dict())
            Assert.True(tensor.allclose(target.state_dict()[name], rtol: 0, atol: 0), name);
    }

    [Fact]
    public void LoadInto_PthWithWrongKeys_IsRefusedListingMissingAndUnexpected()
    {
        using var source = new ResNet18Backbone("visual", 3, baseWidth: 8);
        var state = TorchvisionState(source);
        state.Remove("layer3.1.conv2.weight");
        state["layer3.1.conv3.weight"] = torch.zeros(1);
        state["features.0.weight"] = torch.zeros(1);
        PyTorchPickler.PickleStateDict(pth, state);

        using var target = new ResNet18Backbone("visual", 3, baseWidth: 8);
        var before = target.state_dict()["conv1.weight"].clone();
        var error = Assert.Throws<InvalidDataException>(() => ImageNetWeights.LoadInto(target, pth));

        Assert.Contains(pth, error.Message);
        Assert.Contains("missing 1: layer3.1.conv2.weight", error.Message);
        Assert.Contains("unexpected 2: ", error.Message);
        Assert.Contains("layer3.1.conv3.weight", error.Message);
        Assert.Contains("features.0.weight", error.Message);
        Assert.DoesNotContain("fc.weight", error.Message);
        Assert.True(before.allclose(target.state_dict()["conv1.weight"], rtol: 0, atol: 0), "nothing may be loaded from a refused file");
    }

    [Fact]
    public void LoadInto_ShapeMismatch_NamesTheFileAndTheTensor()
    {
        using var source = new ResNet18Backbone("visual", 3, baseWidth: 8);
        var state = TorchvisionState(source);
        state["layer2.0.downsample.0.weight"] = torch.zeros(16, 8, 3, 3);
        PyTorchPickler.PickleStateDict(pth, state);

        using var target = new ResNet18Backbone("visual", 3, baseWidth: 8);
        var error = Assert.Throws<InvalidDataException>(() => ImageNetWeights.LoadInto(target, pth));

        Assert.Contains(pth, error.Message);
        Assert.Contains("layer2.0.downsample.0.weight", error.Message);
        Assert.Contains("(16, 8, 3, 3)", error.Message);
        Assert.Contains("(16, 8, 1, 1)", error.Message);
    }

    [Fact]
    public void LoadInto_CorruptPth_NamesTheFile()
    {
        File.WriteAllBytes(pth, [0x80, 0x02, 0x7d, 0x71, 0x00]);
        using var target = new ResNet18Backbone("visual", 3, baseWidth: 8);

        var error = Assert.Throws<InvalidDataException>(() => ImageNetWeights.LoadInto(target, pth));

        Assert.Contains(pth, error.Message);
    }

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

        var error = Assert.Throws<InvalidDataException>(() => ImageNetWeights.LoadInto(target, path));
        Assert.Contains(path, error.Message);
        Assert.Contains("conv1.weight", error.Message);
    }
}
