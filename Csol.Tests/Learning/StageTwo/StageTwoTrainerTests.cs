using Csol.Learning.Checkpoints;
using Csol.Learning.Training;
using Csol.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Csol.Tests.Learning.StageTwo;

[Trait("Category", "unit")]
public sealed class StageTwoTrainerTests(ITestOutputHelper output)
{
    [Fact]
    public void Run_TinyConfig_ReportsTheThreeLossesAndLossGoesDown()
    {
        using var temp = TestPaths.NewTempDirectory("csol-stage-two");
        var config = StageTwoTinyConfigs.Pipeline(stageTwoEpochs: 8);
        new StageOneTrainer(config, new StageOneTrainerOptions { CheckpointDirectory = temp.Path }).Run(_ => { }, CancellationToken.None);
        var stageOne = Path.Combine(temp.Path, StageOneCheckpoint.FileName(config.Training.Epochs - 1));
        var progress = new List<TrainingProgress>();

        var result =
            new StageTwoTrainer(config, new StageTwoTrainerOptions(stageOne, Path.Combine(temp.Path, "two")))
            .Run(progress.Add, CancellationToken.None);

        Assert.Equal(16, result.Steps); // 16 composites / 8 per batch × 8 epochs
        Assert.Equal(Enumerable.Range(1, 16), progress.Select(p => p.Step));
        Assert.All(progress, p => Assert.Equal(16, p.TotalSteps));
        foreach (var key in new[] { "loss", "consistency_loss", "loc_loss" })
            Assert.All(progress, p => Assert.True(double.IsFinite(p.Metrics[key]), key));
        Assert.True(File.Exists(Path.Combine(temp.Path, "two", StageTwoCheckpoint.FileName)));
        var losses = progress.Select(p => p.Metrics["loss"]).ToArray();
        var (first, last) = (losses.Take(4).Average(), losses.TakeLast(4).Average());
        output.WriteLine($"first 4 steps {first:F4}, last 4 steps {last:F4}; "
            + string.Join(" ", result.FinalMetrics.Select(m => $"{m.Key}={m.Value:F4}")));
        Assert.True(last < first, $"loss did not go down: {first:F4} → {last:F4}");
    }
}
