using Csol.Learning.Models;
using Xunit;

namespace Csol.Tests.Learning.Models;

/// <summary>Bad input for the CNTK ImageNet weights: missing or corrupt files and a backbone they do not fit.</summary>
[Trait("Category", "unit")]
public sealed class ImageNetOnnxWeightsTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("csol-onnx-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Package_IsRestoredByTheBuild()
    {
        Assert.True(new FileInfo(ImageNetOnnxPackage.ModelPath).Length > 60_000_000);
        Assert.True(File.Exists(ImageNetOnnxPackage.PreprocessPath));
    }

    [Fact]
    public void LoadImageNet_MissingFile_NamesIt()
    {
        var missing = Path.Combine(folder, "ResNet18.onnx");
        using var backbone = new ResNet18Backbone("visual", 3, 64, ResNet18Layout.CntkImageNet);

        var error = Assert.Throws<FileNotFoundException>(() => ImageNetWeights.LoadImageNet(backbone, missing, ImageNetOnnxPackage.PreprocessPath));

        Assert.Contains(missing, error.Message);
    }

    [Fact]
    public void LoadImageNet_CorruptFile_NamesIt()
    {
        var corrupt = Path.Combine(folder, "ResNet18.onnx");
        var bytes = File.ReadAllBytes(ImageNetOnnxPackage.PreprocessPath);
        File.WriteAllBytes(corrupt, bytes[..(bytes.Length / 2)]); // truncated mid-tensor
        using var backbone = new ResNet18Backbone("visual", 3, 64, ResNet18Layout.CntkImageNet);

        var error = Assert.Throws<InvalidDataException>(() => ImageNetWeights.LoadImageNet(backbone, corrupt, ImageNetOnnxPackage.PreprocessPath));

        Assert.Contains(corrupt, error.Message);
    }

    [Fact]
    public void LoadImageNet_OtherWidth_NamesTheFileAndTheTensor()
    {
        using var backbone = new ResNet18Backbone("visual", 3, 32, ResNet18Layout.CntkImageNet);

        var error = Assert.Throws<InvalidDataException>(() => ImageNetWeights.LoadImageNet(backbone));

        Assert.Contains(ImageNetOnnxPackage.ModelPath, error.Message);
        Assert.Contains("Parameter91", error.Message); // CNTK's name for conv1's weight
        Assert.Contains("conv1.weight", error.Message);
        Assert.Contains("(64, 3, 7, 7)", error.Message);
    }

    [Fact]
    public void LoadImageNet_TorchvisionLayout_IsRefusedNamingTheThirdLayer4Block()
    {
        using var backbone = new ResNet18Backbone("visual", 3, 64);

        var error = Assert.Throws<InvalidDataException>(() => ImageNetWeights.LoadImageNet(backbone));

        Assert.Contains("layer4.2.conv1.weight", error.Message);
        Assert.Contains("input_adaptor.mean_image", error.Message);
    }
}
