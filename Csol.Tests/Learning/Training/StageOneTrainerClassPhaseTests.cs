using Csol.Learning.Checkpoints;
using Csol.Learning.Experiments;
using Csol.Learning.Models;
using Csol.Learning.Training;
using TorchSharp;
using Xunit;
using Xunit.Abstractions;

namespace Csol.Tests.Learning.Training;

[Trait("Category", "unit")]
public sealed class StageOneTrainerClassPhaseTests(ITestOutputHelper output) : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "csol-resume-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(root))
            Directory.Delete(root, recursive: true);
    }

    [Fact]
    public void Run_WithClassTask_AddsClassificationStepsNmiAndBaselines()
    {
        var progress = new List<TrainingProgress>();

        var result = new StageOneTrainer(StageOneTrainerTests.Tiny(epochs: 2, classTask: true)).Run(progress.Add, CancellationToken.None);

        output.WriteLine($"{result.ElapsedSeconds:F1}s " + string.Join(" ", result.FinalMetrics.Select(m => $"{m.Key}={m.Value:F3}")));
        // 8 localization steps per epoch; epoch 1 adds one classification pass of 8 steps.
        Assert.Equal(24, result.Steps);
        Assert.All(progress, p => Assert.Equal(24, p.TotalSteps));
        Assert.Equal(Enumerable.Range(1, 24), progress.Select(p => p.Step));
        Assert.Equal(Enumerable.Range(17, 8), progress.Where(p => p.Metrics.ContainsKey("cls_loss")).Select(p => p.Step));
        Assert.Equal([24], progress.Where(p => p.Metrics.ContainsKey("nmi")).Select(p => p.Step));
        Assert.Single(progress, p => p.Metrics.ContainsKey("baseline_center_iou@0.5"));
        foreach (var key in new[] { "nmi", "baseline_center_iou@0.5", "baseline_uniform_auc", "val_iou@0.5" })
            Assert.True(result.FinalMetrics.ContainsKey(key), key);
    }

    [Fact]
    public void Resume_OneEpochThenOneMore_EqualsTwoEpochsInOneGo()
    {
        var twoEpochs = StageOneTrainerTests.Tiny(epochs: 2, classTask: true);
        string Dir(string name) => Path.Combine(root, name);

        var straight = new StageOneTrainer(twoEpochs, new StageOneTrainerOptions { CheckpointDirectory = Dir("a") })
            .Run(_ => { }, CancellationToken.None);
        new StageOneTrainer(twoEpochs with { Training = twoEpochs.Training with { Epochs = 1 } },
            new StageOneTrainerOptions { CheckpointDirectory = Dir("b") }).Run(_ => { }, CancellationToken.None);
        var resumedSteps = new List<int>();
        var resumed = new StageOneTrainer(twoEpochs, new StageOneTrainerOptions
        {
            CheckpointDirectory = Dir("c"),
            ResumeFrom = Path.Combine(Dir("b"), StageOneCheckpoint.FileName(0)),
        }).Run(p => resumedSteps.Add(p.Step), CancellationToken.None);

        Assert.Equal(Enumerable.Range(9, 16), resumedSteps); // continues after epoch 0's 8 steps
        Assert.Equal(straight.Steps, resumed.Steps);
        foreach (var key in new[] { "loss", "val_loss", "val_auc", "nmi", "conv_av_w" })
            Assert.Equal(straight.FinalMetrics[key], resumed.FinalMetrics[key], 5);
        using var a = LoadWeights(Path.Combine(Dir("a"), StageOneCheckpoint.FileName(1)), twoEpochs);
        using var c = LoadWeights(Path.Combine(Dir("c"), StageOneCheckpoint.FileName(1)), twoEpochs);
        foreach (var (name, tensor) in a.state_dict())
            Assert.True(tensor.allclose(c.state_dict()[name], rtol: 1e-5, atol: 1e-6), name);
    }

    [Fact]
    public void Resume_UnderAnotherConfig_IsRefused()
    {
        var config = StageOneTrainerTests.Tiny(epochs: 1);
        new StageOneTrainer(config, new StageOneTrainerOptions { CheckpointDirectory = root }).Run(_ => { }, CancellationToken.None);
        var other = config with { Seed = 11, Training = config.Training with { Epochs = 2 } };

        var error = Assert.Throws<InvalidOperationException>(() => new StageOneTrainer(other,
            new StageOneTrainerOptions { ResumeFrom = Path.Combine(root, StageOneCheckpoint.FileName(0)) }).Run(_ => { }, CancellationToken.None));

        Assert.Contains("different config", error.Message);
    }

    [Fact]
    public void Resume_OfAPipelineWhoseClassPhaseStartsLater_ContinuesAfterTheCheckpoint()
    {
        // The pipeline validator bounds training.classPhaseFromEpoch by training.epochs, so the resume check must not
        // compare the configs at an epoch count that bound refuses (seed 11 of the MUSIC-Clipart runs could not resume).
        var config = Tests.Learning.StageTwo.StageTwoTinyConfigs.Pipeline();
        Assert.Equal(1, config.Training.ClassPhaseFromEpoch);
        new StageOneTrainer(config, new StageOneTrainerOptions { CheckpointDirectory = Path.Combine(root, "a") })
            .Run(_ => { }, CancellationToken.None);
        var resumedSteps = new List<int>();

        var resumed = new StageOneTrainer(config, new StageOneTrainerOptions
        {
            CheckpointDirectory = Path.Combine(root, "b"),
            ResumeFrom = Path.Combine(root, "a", StageOneCheckpoint.FileName(0)),
        }).Run(p => resumedSteps.Add(p.Step), CancellationToken.None);

        Assert.NotEmpty(resumedSteps);
        Assert.True(resumedSteps[0] > 1, $"resumed at step {resumedSteps[0]}, expected after epoch 0");
        Assert.True(File.Exists(Path.Combine(root, "b", StageOneCheckpoint.FileName(1))));
        Assert.True(resumed.FinalMetrics.ContainsKey("nmi"));
    }

    private static StageOneLocalizationNet LoadWeights(string path, ExperimentConfig config)
    {
        var net = new StageOneLocalizationNet(config.Model, config.Training.Clusters);
        using var optimizer = new AdamOptimizer(net.LocalizationParameters(), 1e-3);
        StageOneCheckpoint.Load(path, net, optimizer);
        return net;
    }
}
