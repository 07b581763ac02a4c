using Csol.Learning.Data.Music;
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
        Training = new TrainingConfig { Epochs = epochs, BatchSize = 4, LearningRate = 3e-3, UseClassTask = true,
            ClassPhaseFromEpoch = 1, ClassIterations = 1, Clusters = 4, KMeansRestarts = 1 },
        Evaluation = new EvaluationConfig { RelativeThreshold = 0.5 },
    };

    [Fact]
    public void Run_OnMusicLayout_ReportsValidationNmiAndBaselinesOnTheAnnotatedFrames()
    {
        var progress = new List<TrainingProgress>();
        var checkpoints = Path.Combine(build.Sibling("run"), Guid.NewGuid().ToString("N"));

        var result = new StageOneTrainer(Music(epochs: 2), new StageOneTrainerOptions { CheckpointDirectory = checkpoints })
            .Run(progress.Add, CancellationToken.None);

        output.WriteLine($"{result.ElapsedSeconds:F1}s " + string.Join(" ", result.FinalMetrics.Select(m => $"{m.Key}={m.Value:F3}")));
        foreach (var key in new[] { "val_iou@0.5", "val_auc", "val_pointing", "val_accuracy", "nmi",
                     "baseline_center_iou@0.5", "baseline_center_auc", "baseline_uniform_pointing" })
            Assert.True(result.FinalMetrics.ContainsKey(key), key);
        Assert.InRange(result.FinalMetrics["nmi"], 0, 1);
        Assert.Contains(progress, p => p.Metrics.ContainsKey("cls_loss"));
        Assert.Equal(result.Steps, progress[^1].TotalSteps);
        // Every annotated frame with a box is scored, keyed by its solotest.json key, for the model and both baselines.
        var annotated = FrameAnnotationReader.Read(Path.Combine(build.Folder, "solotest.json"), build.Classes).Where(a => a.HasBoxes).ToArray();
        var scored = File.ReadAllLines(Path.Combine(checkpoints, "evaluation", "epoch-001", "model.csv")).Skip(1).ToArray();
        Assert.Equal(annotated.Length, scored.Length);
        Assert.Equal(annotated.Select(a => a.Key).Order(), scored.Select(l => l.Split(',')[0]).Order());
        Assert.True(File.Exists(Path.Combine(checkpoints, "evaluation", "epoch-000", "baseline_center.csv")));
    }

    [Fact]
    public void Run_OnMusicLayout_IsDeterministic()
    {
        var a = new StageOneTrainer(Music(epochs: 1)).Run(_ => { }, CancellationToken.None);
        var b = new StageOneTrainer(Music(epochs: 1) with { Data = Music(1).Data with { LoaderWorkers = 1 } }).Run(_ => { }, CancellationToken.None);

        Assert.Equal(a.FinalMetrics["loss"], b.FinalMetrics["loss"], 5);
        Assert.Equal(a.FinalMetrics["val_auc"], b.FinalMetrics["val_auc"], 5);
    }
}
