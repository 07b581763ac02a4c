using Csol.Learning.Experiments;
using Csol.Learning.Models;
using Csol.Learning.Training;
using Csol.Tests.Learning.Data.Clipart;
using TorchSharp;
using Xunit;

namespace Csol.Tests.Learning.Training;

/// <summary>Stage one with <c>training.cacheVisualFeatures</c> end to end on the tiny MUSIC-Clipart build: it trains, the
/// trunk stays as loaded, the test frames are scored, and a second run reads the features the first one wrote.</summary>
[Trait("Category", "host")]
public sealed class StageOneTrainerFeatureCacheTests(TinyClipartBuild build) : IClassFixture<TinyClipartBuild>
{
    /// <summary>A "pretrained" trunk: a seeded tiny backbone saved in TorchSharp's format.</summary>
    private string Weights()
    {
        var path = Path.Combine(build.Sibling("weights"), "tiny-visual.dat");
        if (File.Exists(path))
            return path;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        torch.manual_seed(21);
        using var visual = new StageOneLocalizationNet(new StageOneModelConfig { BaseWidth = 4, ProjectionDim = 8 }).Visual;
        visual.save(path);
        return path;
    }

    private ExperimentConfig Config(string folder, int epochs) => new()
    {
        Name = "cached", Seed = 10, Device = "cpu",
        Data = new ProceduralDataConfig { Source = "music", Root = build.Folder, ImageSize = 32, LoaderWorkers = 2 },
        Model = new StageOneModelConfig { BaseWidth = 4, ProjectionDim = 8, VisualInit = Weights() },
        Training = new TrainingConfig
        {
            Epochs = epochs, BatchSize = 4, LearningRate = 3e-3, FreezeVisualEpochs = 2, CacheVisualFeatures = true,
            FeatureCacheFolder = folder, UseClassTask = true, ClassPhaseFromEpoch = 1, ClassIterations = 1, Clusters = 4, KMeansRestarts = 1,
        },
        Evaluation = new EvaluationConfig { RelativeThreshold = 0.5 },
    };

    [Fact]
    public void A_cached_run_trains_scores_the_test_frames_and_the_next_run_reuses_its_features()
    {
        var folder = Path.Combine(build.Sibling("feature-cache"), Guid.NewGuid().ToString("N"));
        var losses = new List<double>();

        var first = new StageOneTrainer(Config(folder, epochs: 3)).Run(p => losses.Add(p.Metrics.GetValueOrDefault("loss", double.NaN)),
            CancellationToken.None);
        var written = Directory.GetFiles(folder, "vfea-*.bin").Single();
        var writtenAt = File.GetLastWriteTimeUtc(written);
        var second = new StageOneTrainer(Config(folder, epochs: 3)).Run(_ => { }, CancellationToken.None);

        Assert.Contains("test_auc", first.FinalMetrics.Keys);
        Assert.Contains("feature_cache_seconds", first.FinalMetrics.Keys);
        Assert.All(losses.Where(l => !double.IsNaN(l)), l => Assert.True(double.IsFinite(l)));
        // Epoch 2 trains the trunk again (freezeVisualEpochs 2 of 3), on frames, after two epochs on cached features.
        Assert.Equal(first.Steps, second.Steps);
        Assert.Equal(first.FinalMetrics["loss"], second.FinalMetrics["loss"], 5);
        Assert.Equal(first.FinalMetrics["test_auc"], second.FinalMetrics["test_auc"], 5);
        Assert.Equal(writtenAt, File.GetLastWriteTimeUtc(Directory.GetFiles(folder, "vfea-*.bin").Single()));
    }
}
