using Csol.Learning.Checkpoints;
using Csol.Learning.Clustering;
using Csol.Learning.Experiments;
using Csol.Learning.Models;
using Csol.Learning.Training;
using TorchSharp;
using Xunit;

namespace Csol.Tests.Learning.Checkpoints;

[Trait("Category", "unit")]
public sealed class StageOneCheckpointTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "csol-ckpt-" + Guid.NewGuid().ToString("N"));
    private static readonly StageOneModelConfig Model = new() { BaseWidth = 2, ProjectionDim = 4 };

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void SaveLoad_RestoresWeightsOptimizerMomentsDictionaryAndManifest()
    {
        torch.manual_seed(1);
        using var net = new StageOneLocalizationNet(Model, classes: 2);
        using var optimizer = new AdamOptimizer(net.LocalizationParameters(), 1e-2);
        TakeOneStep(net, optimizer);
        using var features = torch.tensor(new float[] { 1, 2, 3, 4 }, [2, 2]);
        var dictionary = ObjectDictionary.Build(0, features, [0, 1], [1, 0], 2);
        var path = StageOneCheckpoint.Save(directory, 0, 7, net, optimizer, dictionary, new ExperimentConfig { Name = "x" },
            new Dictionary<string, double> { ["val_auc"] = 0.25 });

        torch.manual_seed(99); // a differently initialised network and an empty optimizer
        using var restored = new StageOneLocalizationNet(Model, classes: 2);
        using var restoredOptimizer = new AdamOptimizer(restored.LocalizationParameters(), 1e-2);
        var checkpoint = StageOneCheckpoint.Load(path, restored, restoredOptimizer);

        Assert.Equal((0, 7), (checkpoint.Epoch, checkpoint.GlobalStep));
        Assert.Equal(dictionary.Atoms, checkpoint.Dictionary!.Atoms);
        Assert.Equal(dictionary.PseudoLabels, checkpoint.Dictionary.PseudoLabels);
        foreach (var (name, tensor) in net.state_dict())
            Assert.True(tensor.allclose(restored.state_dict()[name], rtol: 0, atol: 0), name);
        Assert.Equal(1, restoredOptimizer.StepCount);
        // Same weights, moments and step count ⇒ the next step must move both networks identically.
        TakeOneStep(net, optimizer);
        TakeOneStep(restored, restoredOptimizer);
        foreach (var (name, tensor) in net.state_dict())
            Assert.True(tensor.allclose(restored.state_dict()[name], rtol: 0, atol: 1e-6), name);

        var manifest = CheckpointManifest.Parse(File.ReadAllText(StageOneCheckpoint.ManifestPath(path)));
        Assert.Equal(64, manifest.Sha256.Length);
        Assert.Equal(0.25, manifest.Metrics["val_auc"]);
        Assert.Equal("x", manifest.Config!["name"]!.GetValue<string>());
    }

    [Fact]
    public void Load_DamagedFile_FailsOnTheHash()
    {
        using var net = new StageOneLocalizationNet(Model, classes: 2);
        using var optimizer = new AdamOptimizer(net.LocalizationParameters(), 1e-2);
        var path = StageOneCheckpoint.Save(directory, 0, 1, net, optimizer, null, new ExperimentConfig(), new Dictionary<string, double>());
        var bytes = File.ReadAllBytes(path);
        bytes[^1] ^= 0xFF;
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<InvalidDataException>(() => StageOneCheckpoint.Load(path, net, optimizer));

        Assert.Contains("SHA-256", error.Message);
    }

    private static void TakeOneStep(StageOneLocalizationNet net, AdamOptimizer optimizer)
    {
        using var scope = torch.NewDisposeScope();
        net.train();
        var images = torch.ones(2, 3, 32, 32);
        var audio = torch.ones(2, 1, 32, 16);
        optimizer.ZeroGrad();
        var loss = AudioVisualCorrespondenceLoss.Compute(net.forward(images, audio), torch.tensor(new float[] { 1, 0 }));
        loss.backward();
        optimizer.Step();
    }
}
