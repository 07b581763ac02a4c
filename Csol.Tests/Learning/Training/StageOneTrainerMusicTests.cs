using Csol.Learning.Data.Music;
using Csol.Learning.Data.Npy;
using Csol.Learning.Experiments;
using Csol.Learning.Training;
using Csol.Tests.Learning.Data.Clipart;
using Xunit;
using Xunit.Abstractions;

namespace Csol.Tests.Learning.Training;

/// <summary>Stage one end to end on a tiny MUSIC-Clipart build (data.source "music").</summary>
[Trait("Category", "host")]
public sealed class StageOneTrainerMusicTests(TinyClipartBuild build, ITestOutputHelper output) : IClassFixture<TinyClipartBuild>
{
    private ExperimentConfig Music(int epochs) => new()
    {
        Name = "tiny-music", Seed = 10, Device = "cpu",
        Data = new ProceduralDataConfig { Source = "music", Root = build.Folder, ImageSize = 32, LoaderWorkers = 2 },
        Model = new StageOneModelConfig { BaseWidth = 4, ProjectionDim = 8 },
        Training = new TrainingConfig
        {
            Epochs = epochs, BatchSize = 4, LearningRate = 3e-3, UseClassTask = true,
            ClassPhaseFromEpoch = 1, ClassIterations = 1, Clusters = 4, KMeansRestarts = 1
        },
        Evaluation = new EvaluationConfig { RelativeThreshold = 0.5 },
    };

    [Fact]
    public void Run_OnMusicLayout_ScoresTheAnnotatedTestFramesOnceWithNmiAndBaselines()
    {
        var progress = new List<TrainingProgress>();
        var checkpoints = Path.Combine(build.Sibling("run"), Guid.NewGuid().ToString("N"));

        var result = new StageOneTrainer(Music(epochs: 2), new StageOneTrainerOptions { CheckpointDirectory = checkpoints })
            .Run(progress.Add, CancellationToken.None);

        output.WriteLine($"{result.ElapsedSeconds:F1}s " + string.Join(" ", result.FinalMetrics.Select(m => $"{m.Key}={m.Value:F3}")));
        foreach (var key in new[] { "test_iou@0.5", "test_auc", "test_pointing", "test_accuracy", "selected_epoch", "nmi",
                     "baseline_center_iou@0.5", "baseline_center_auc", "baseline_uniform_pointing" })
            Assert.True(result.FinalMetrics.ContainsKey(key), key);
        Assert.InRange(result.FinalMetrics["nmi"], 0, 1);
        Assert.Contains(progress, p => p.Metrics.ContainsKey("cls_loss"));
        Assert.Equal(result.Steps, progress[^1].TotalSteps);
        // Every annotated frame with a box is scored, keyed by its solotest.json key, for the model and both baselines.
        var annotated = FrameAnnotationReader.Read(Path.Combine(build.Folder, "solotest.json"), build.Classes).Where(a => a.HasBoxes).ToArray();
        var scored = File.ReadAllLines(Path.Combine(checkpoints, "evaluation", "test", "model.csv")).Skip(1).ToArray();
        Assert.Equal(annotated.Length, scored.Length);
        Assert.Equal(annotated.Select(a => a.Key).Order(), scored.Select(l => l.Split(',')[0]).Order());
        Assert.True(File.Exists(Path.Combine(checkpoints, "evaluation", "test", "baseline_center.csv")));
        // One raw map per scored frame, in the order of maps-keys.txt, at the network's 2×2 resolution (32 px / 16).
        var maps = NpyFile.ReadFloat32(Path.Combine(checkpoints, "evaluation", "test", "maps.npy"));
        Assert.Equal([annotated.Length, 2, 2], maps.Shape);
        Assert.Equal(annotated.Select(a => a.Key).Order(),
            File.ReadAllLines(Path.Combine(checkpoints, "evaluation", "test", "maps-keys.txt")).Order());
        Assert.All(maps.Data, v => Assert.InRange(v, 0f, 1f));
        // The tiny build has 2 videos a class, so no validation videos: no epoch is chosen, and the file says so.
        Assert.Equal(1, result.FinalMetrics["selected_epoch"]);
        Assert.False(result.FinalMetrics.ContainsKey("val_auc")); // localization is never scored on validation here
        var selection = File.ReadAllText(Path.Combine(checkpoints, "selection.json"));
        Assert.Contains("no validation split", selection);
    }

    [Fact]
    public void Run_OnMusicLayout_IsDeterministic()
    {
        var a = new StageOneTrainer(Music(epochs: 1)).Run(_ => { }, CancellationToken.None);
        var b = new StageOneTrainer(Music(epochs: 1) with { Data = Music(1).Data with { LoaderWorkers = 1 } }).Run(_ => { }, CancellationToken.None);

        Assert.Equal(a.FinalMetrics["loss"], b.FinalMetrics["loss"], 5);
        Assert.Equal(a.FinalMetrics["test_auc"], b.FinalMetrics["test_auc"], 5);
    }
}
