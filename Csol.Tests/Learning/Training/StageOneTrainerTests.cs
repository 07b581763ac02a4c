using Csol.Learning.Experiments;
using Csol.Learning.Training;
using Xunit;
using Xunit.Abstractions;

namespace Csol.Tests.Learning.Training;

[Trait("Category", "unit")]
public sealed class StageOneTrainerTests(ITestOutputHelper output)
{
    internal static ExperimentConfig Tiny(int epochs, bool classTask = false) => new()
    {
        Name = "tiny", Seed = 10, Device = "cpu",
        Data = new ProceduralDataConfig { Classes = 2, TrainClips = 64, ValClips = 16, ImageSize = 32, AudioFrames = 32, MelBands = 16 },
        Model = new StageOneModelConfig { BaseWidth = 4, ProjectionDim = 8 },
        Training = new TrainingConfig
        {
            Epochs = epochs, BatchSize = 8, LearningRate = 3e-3, WeightDecay = 1e-4,
            UseClassTask = classTask, Clusters = 2, ClassIterations = 1, KMeansRestarts = 2
        },
    };

    [Fact]
    public void Run_TinyConfig_ReportsEveryStepAndLossGoesDown()
    {
        var progress = new List<TrainingProgress>();

        var result = new StageOneTrainer(Tiny(epochs: 4)).Run(progress.Add, CancellationToken.None);

        output.WriteLine($"{result.ElapsedSeconds:F1}s " + string.Join(" ", result.FinalMetrics.Select(m => $"{m.Key}={m.Value:F3}")));
        Assert.Equal(32, result.Steps); // 64 clips / 8 per batch × 4 epochs
        Assert.Equal(Enumerable.Range(1, 32), progress.Select(p => p.Step));
        Assert.All(progress, p => Assert.Equal(32, p.TotalSteps));
        Assert.All(progress, p => Assert.True(double.IsFinite(p.Metrics["loss"])));
        var epochEnds = progress.Where(p => p.Metrics.ContainsKey("val_loss")).Select(p => p.Step).ToArray();
        Assert.Equal([8, 16, 24, 32], epochEnds);
        foreach (var key in new[] { "val_loss", "val_accuracy", "val_iou@0.5", "val_auc", "loss" })
            Assert.True(result.FinalMetrics.ContainsKey(key), key);

        var losses = progress.Select(p => p.Metrics["loss"]).ToArray();
        var firstMean = losses.Take(8).Average();
        var lastMean = losses.TakeLast(8).Average();
        output.WriteLine($"first-epoch mean loss {firstMean:F3}, last-epoch mean loss {lastMean:F3}");
        Assert.True(lastMean < firstMean, $"loss did not go down: {firstMean:F3} → {lastMean:F3}");
    }

    [Fact]
    public void Run_Cancelled_ThrowsPromptly()
    {
        using var cancellation = new CancellationTokenSource();
        var steps = 0;

        Assert.ThrowsAny<OperationCanceledException>(() => new StageOneTrainer(Tiny(epochs: 50)).Run(p =>
        {
            if (++steps == 3)
                cancellation.Cancel();
        }, cancellation.Token));

        Assert.Equal(3, steps); // no step after the one that cancelled
    }

    [Fact]
    public void Run_InvalidConfig_ThrowsConfigException()
    {
        var config = Tiny(epochs: 1) with { Training = new TrainingConfig { Epochs = 0 } };

        var error = Assert.Throws<ExperimentConfigException>(() => new StageOneTrainer(config).Run(_ => { }, CancellationToken.None));

        Assert.Contains(error.Errors, e => e.Field == "training.epochs");
    }
}
