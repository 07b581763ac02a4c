using Csol.Learning.Checkpoints;
using Csol.Learning.Experiments;
using Csol.Learning.Training;
using Csol.Learning.Training.Data;
using Csol.Tests.Learning.Data.Clipart;
using TorchSharp;
using Xunit;

namespace Csol.Tests.Learning.StageTwo;

/// <summary>The pipeline's duet step (duet fine-tuning, <c>stageTwo.duetTrainSplit</c>) on a tiny MUSIC-Clipart build:
/// it trains on the build's duet training videos from the stage-two checkpoint, the evaluation scores its network, and
/// it resumes as a step of its own.</summary>
[Trait("Category", "host")]
public sealed class DuetFineTuningTests(TinyClipartBuild build) : IClassFixture<TinyClipartBuild>
{
    public static ExperimentConfig Config(string root, string? duetSplit = "duet/duet_pairs_train.txt") => new()
    {
        Name = "tiny-duet-pipeline", Kind = ExperimentKinds.Pipeline, Seed = 5, Device = "cpu",
        Data = new ProceduralDataConfig { Source = "music", Root = root, Classes = 4, ImageSize = 32, LoaderWorkers = 1 },
        Model = new StageOneModelConfig { BaseWidth = 4, ProjectionDim = 8 },
        Training = new TrainingConfig
        {
            Epochs = 2, BatchSize = 4, LearningRate = 3e-3, ValidateEveryEpoch = false, UseClassTask = true,
            ClassPhaseFromEpoch = 1, ClassIterations = 1, Clusters = 4, KMeansRestarts = 1,
        },
        // The tiny build has no training_2 videos: stage two trains on its test composites (wiring, not generalisation).
        StageTwo = new StageTwoConfig
        {
            TrainFolder = "synthetic/test", TestAnnotations = "duettest.json", DuetTrainSplit = duetSplit,
            Epochs = 1, BatchSize = 2, LearningRate = 1e-2, Pictures = 1, RelativeThreshold = 0.2,
        },
    };

    [Fact]
    public void Run_WithADuetSplit_FineTunesOnTheDuetTrainingSecondsAndEvaluatesThatNetwork()
    {
        var folder = build.Sibling($"duet-{Guid.NewGuid():N}");
        var config = Config(build.Folder);
        var runner = new PipelineRunner(config, folder);
        var steps = new List<int>();

        var metrics = runner.Run(p => steps.Add(p.Step), CancellationToken.None).FinalMetrics;

        Assert.Equal(["stage-one", "matching", "stage-two", "duet", "evaluation"], PipelineRunner.StepNamesFor(config));
        Assert.True(Enumerable.Range(1, runner.TotalSteps).SequenceEqual(steps.Distinct()),
            $"steps {string.Join(",", steps)} of {runner.TotalSteps}");
        // The tiny build's one duet training video has 3 seconds: 2 batches of 2.
        Assert.Equal(3, DuetTrainingData.CountSeconds(config));
        Assert.Equal(2, DuetFineTuner.TotalSteps(config));
        foreach (var key in new[] { "duet_loss", "duet_consistency_loss", "duet_loc_loss", "val_ciou@0.3", "baseline_agnostic_ciou@0.3" })
            Assert.True(metrics.ContainsKey(key), key);
        Assert.True(File.Exists(runner.DuetCheckpointPath));
        Assert.Equal(runner.DuetCheckpointPath, runner.FinalCheckpointPath);
        Assert.True(MaxWeightChange(runner.StageTwoCheckpointPath, runner.DuetCheckpointPath, config) > 0,
            "duet fine-tuning left every weight of the stage-two network unchanged");

        // A lost duet checkpoint redoes only that step and the evaluation; the earlier steps' outputs stay.
        File.Delete(runner.DuetCheckpointPath);
        File.Delete(runner.MetricsPath);
        var again = new PipelineRunner(config, folder);
        var resumed = new List<int>();
        again.Run(p => resumed.Add(p.Step), CancellationToken.None);
        Assert.Equal(["stage-one", "matching", "stage-two"], again.SkippedSteps);
        Assert.Equal(runner.ResumePoint(3) + 1, resumed.Min());
        Assert.True(File.Exists(again.DuetCheckpointPath));
    }

    [Fact]
    public void Validate_DuetSplit_MissingFileOrProceduralData_NamesTheField()
    {
        var missing = Config(build.Folder, "duet/nope.txt");
        Assert.Contains(ExperimentConfigLoader.Validate(missing, "tiny.json"),
            e => e.Field == "stageTwo.duetTrainSplit" && e.Message.Contains("nope.txt"));
        var procedural = new ExperimentConfig
        {
            Kind = ExperimentKinds.Pipeline, Data = new ProceduralDataConfig { Classes = 4 },
            StageTwo = new StageTwoConfig { DuetTrainSplit = "duet/duet_pairs_train.txt" },
        };
        Assert.Contains(ExperimentConfigLoader.Validate(procedural, "tiny.json"),
            e => e.Field == "stageTwo.duetTrainSplit" && e.Message.Contains("music"));
        Assert.Equal(PipelineRunner.StepNames, PipelineRunner.StepNamesFor(Config(build.Folder, duetSplit: null)));
    }

    private static double MaxWeightChange(string before, string after, ExperimentConfig config)
    {
        var (a, _) = StageTwoCheckpoint.Load(before, config);
        var (b, _) = StageTwoCheckpoint.Load(after, config);
        using (a)
        using (b)
        using (torch.no_grad())
        {
            var other = b.state_dict();
            return a.state_dict().Max(p => (p.Value - other[p.Key]).abs().max().item<float>());
        }
    }
}
