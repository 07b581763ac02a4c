using Csol.Learning.Checkpoints;
using Csol.Learning.Experiments;
using Csol.Learning.Models;
using Csol.Learning.Training;
using TorchSharp;
using Xunit;

namespace Csol.Tests.Learning.Experiments;

[Trait("Category", "unit")]
public sealed class VisualInitConfigTests
{
    private static ExperimentConfig Music(int width) => new()
    {
        Data = new ProceduralDataConfig { Source = ProceduralDataConfig.MusicSource },
        Model = new StageOneModelConfig { BaseWidth = width },
    };

    [Fact]
    public void Default_IsImageNetForMusicDataAtWidth64_ScratchOtherwise()
    {
        Assert.Equal("imagenet", ExperimentConfigLoader.WithVisualInitDefault(Music(64)).Model.VisualInit);
        Assert.Equal("scratch", ExperimentConfigLoader.WithVisualInitDefault(Music(16)).Model.VisualInit);
        Assert.Equal("scratch", ExperimentConfigLoader.WithVisualInitDefault(new ExperimentConfig()).Model.VisualInit);
    }

    [Fact]
    public void Parse_FillsTheDefault_AndKeepsAnExplicitChoice()
    {
        Assert.Equal("scratch", ExperimentConfigLoader.Parse("""{ "name": "p" }""", "p.json").Model.VisualInit);
        var explicitChoice = ExperimentConfigLoader.Parse("""{ "name": "p", "model": { "visualInit": "imagenet" } }""", "p.json");
        Assert.Equal("imagenet", explicitChoice.Model.VisualInit);
        Assert.Equal(ResNet18Layout.CntkImageNet, VisualInitialisation.Layout(explicitChoice.Model));
    }

    [Fact]
    public void OlderImagenetWeightsField_StillMeansThatFile()
    {
        var config =
            ExperimentConfigLoader.WithVisualInitDefault(Music(64) with { Model = new StageOneModelConfig { ImagenetWeights = "/w/r.tsdict" } });

        Assert.Null(config.Model.VisualInit);
        Assert.Equal("/w/r.tsdict", VisualInitialisation.Of(config.Model));
        Assert.Equal(ResNet18Layout.Torchvision, VisualInitialisation.Layout(config.Model));
    }

    [Theory]
    [InlineData("imagenet", 16, "needs model.baseWidth 64")]
    [InlineData("/nowhere/resnet18-5c106cde.pth", 64, "file not found: \"/nowhere/resnet18-5c106cde.pth\"")]
    [InlineData("imagenett", 64, "expected \"imagenet\", \"scratch\" or a weights file")]
    public void Validate_BadChoice_IsNamed(string init, int width, string expected)
    {
        var config = new ExperimentConfig { Name = "v", Model = new StageOneModelConfig { BaseWidth = width, VisualInit = init } };

        var error = Assert.Single(ExperimentConfigLoader.Validate(config, "v.json"), e => e.Field == "model.visualInit");

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Validate_BothFields_IsRefused()
    {
        var weights = Path.GetTempFileName();
        try
        {
            var config = new ExperimentConfig { Name = "v", Model = new StageOneModelConfig { VisualInit = "scratch", ImagenetWeights = weights } };
            Assert.Contains(ExperimentConfigLoader.Validate(config, "v.json"), e => e.Field == "model.visualInit" && e.Message.Contains("not both"));
        }
        finally
        {
            File.Delete(weights);
        }
    }

    [Fact]
    public void ImageNetInit_BuildsTheCntkTopology_AndTheTrainerHookLoadsIt()
    {
        var model = new StageOneModelConfig { VisualInit = "imagenet", ProjectionDim = 8 };
        using var net = new StageOneLocalizationNet(model, classes: 2);
        var names = net.Visual.state_dict().Keys.ToHashSet();
        Assert.Contains("layer4.2.conv2.weight", names);
        Assert.Contains("input_adaptor.mean_image", names);

        VisualInitialisation.Apply(net.Visual, model);

        var meanImage = net.Visual.state_dict()["input_adaptor.mean_image"];
        // The CNTK mean image's channel means (BGR): 103.06, 115.90, 123.15.
        Assert.Equal(103.06, meanImage[0, 0].mean().item<float>(), 1);
        Assert.Equal(123.15, meanImage[0, 2].mean().item<float>(), 1);
    }

    [Fact]
    public void StageOneCheckpoint_CarriesTheMeanImage_SoStageTwoNeedsNoPackage()
    {
        // The CNTK layout at a tiny width (structure only; real ImageNet weights need 64).
        var model = new StageOneModelConfig { BaseWidth = 2, ProjectionDim = 4, VisualInit = "imagenet" };
        var directory = Directory.CreateTempSubdirectory("csol-ckpt-imagenet-").FullName;
        try
        {
            using var net = new StageOneLocalizationNet(model, classes: 2);
            using (torch.no_grad())
                net.Visual.state_dict()["input_adaptor.mean_image"].fill_(113f);
            using var optimizer = new AdamOptimizer(net.LocalizationParameters(), 1e-3);
            var path = StageOneCheckpoint.Save(directory, 0, 1, net, optimizer, null, new ExperimentConfig { Name = "x", Model = model },
                new Dictionary<string, double>());

            using var restored = new StageOneLocalizationNet(model, classes: 2);
            using var restoredOptimizer = new AdamOptimizer(restored.LocalizationParameters(), 1e-3);
            StageOneCheckpoint.Load(path, restored, restoredOptimizer);

            Assert.Equal(113f, restored.Visual.state_dict()["input_adaptor.mean_image"].mean().item<float>());
            Assert.Contains("layer4.2.conv1.weight", restored.Visual.state_dict().Keys);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
