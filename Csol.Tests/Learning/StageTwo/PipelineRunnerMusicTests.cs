using System.Text.Json;
using Csol.Learning.Data.Music;
using Csol.Learning.Experiments;
using Csol.Learning.Training;
using Csol.Tests.Learning.Data.Clipart;
using Xunit;

namespace Csol.Tests.Learning.StageTwo;

/// <summary>The pipeline on a tiny MUSIC-Clipart build: stage one on its solo videos, stage two and the evaluation on
/// its synthetic composites, then the same checkpoints evaluated on its duet frames.</summary>
[Trait("Category", "host")]
public sealed class PipelineRunnerMusicTests(TinyClipartBuild build) : IClassFixture<TinyClipartBuild>
{
    // The tiny build has no training_2 videos, so no synthetic training split: stage two trains on the test composites
    // here (this checks the wiring, not generalisation).
    private ExperimentConfig Config(string? testAnnotations = null) => new()
    {
        Name = "tiny-music-pipeline", Kind = ExperimentKinds.Pipeline, Seed = 5, Device = "cpu",
        Data = new ProceduralDataConfig { Source = "music", Root = build.Folder, Classes = 4, ImageSize = 32, LoaderWorkers = 2 },
        Model = new StageOneModelConfig { BaseWidth = 4, ProjectionDim = 8 },
        Training = new TrainingConfig
        {
            Epochs = 2, BatchSize = 4, LearningRate = 3e-3, ValidateEveryEpoch = false, UseClassTask = true,
            ClassPhaseFromEpoch = 1, ClassIterations = 1, Clusters = 4, KMeansRestarts = 1,
        },
        StageTwo = new StageTwoConfig
        {
            TrainFolder = "synthetic/test", TestFolder = "synthetic/test", TestAnnotations = testAnnotations,
            Epochs = 1, BatchSize = 2, Pictures = 1, RelativeThreshold = testAnnotations is null ? 0.5 : 0.2,
        },
    };

    [Fact]
    public void Run_OnSyntheticThenDuet_ScoresEveryTestImageWithTheBuildsClassNames()
    {
        var folder = build.Sibling($"pipeline-{Guid.NewGuid():N}");
        var runner = new PipelineRunner(Config(), folder);

        var steps = new List<int>();
        var synthetic = runner.Run(p => steps.Add(p.Step), CancellationToken.None).FinalMetrics;

        // Stage two's steps follow stage one's real count (this build's training seconds, not data.trainClips): metric
        // points are keyed by step, so an overlap would drop points.
        Assert.True(Enumerable.Range(1, runner.TotalSteps).SequenceEqual(steps.Distinct()),
            $"steps {string.Join(",", steps)} of {runner.TotalSteps}");
        Assert.Equal(steps.Order(), steps);

        foreach (var key in new[] { "val_ciou@0.3", "val_auc", "val_nsa", "baseline_agnostic_ciou@0.3", "baseline_random_ciou@0.3" })
            Assert.True(synthetic.ContainsKey(key), key);
        var perClass = synthetic.Keys.Where(k => k.StartsWith("val_ciou_", StringComparison.Ordinal) && !k.Contains('@')).ToArray();
        Assert.NotEmpty(perClass);
        Assert.All(perClass, k => Assert.Contains(k["val_ciou_".Length..], build.Classes.Names));
        var results = File.ReadAllLines(Path.Combine(folder, "evaluation", "results.jsonl"));
        Assert.Equal(2, results.Length); // the build's 2 synthetic test composites
        Assert.All(results, line => Assert.Equal(2, JsonDocument.Parse(line).RootElement.GetProperty("sounding").GetArrayLength()));

        // Same checkpoints, duet frames as the test set: only the evaluation runs again.
        File.Delete(runner.MetricsPath);
        var duetRunner = new PipelineRunner(Config("duettest.json"), folder);
        var duet = duetRunner.Run(_ => { }, CancellationToken.None).FinalMetrics;

        Assert.Equal(["stage-one", "matching", "stage-two"], duetRunner.SkippedSteps);
        Assert.True(duet.ContainsKey("val_ciou@0.3"));
        var frames = FrameAnnotationReader.Read(Path.Combine(build.Folder, "duettest.json"), build.Classes).Count(a => a.HasBoxes);
        var duetResults = File.ReadAllLines(Path.Combine(folder, "evaluation", "results.jsonl"));
        Assert.Equal(frames, duetResults.Length);
        Assert.All(duetResults, line => Assert.Equal(2, JsonDocument.Parse(line).RootElement.GetProperty("sounding").GetArrayLength()));
    }

    [Fact]
    public void Run_StageTwoImageSize_ComposesAtTwiceStageOnesSide()
    {
        var folder = build.Sibling($"pipeline-{Guid.NewGuid():N}");
        var config = Config() with { StageTwo = Config().StageTwo with { ImageSize = 64 } };

        new PipelineRunner(config, folder).Run(_ => { }, CancellationToken.None);

        // Stage one trained on 32-px frames (2×2 map); stage two and its evaluation ran on 64-px composites (4×4).
        var maps = Directory.GetFiles(Path.Combine(folder, "evaluation", "maps"), "*.json");
        Assert.NotEmpty(maps);
        using var first = JsonDocument.Parse(File.ReadAllText(maps[0]));
        Assert.Equal(64, first.RootElement.GetProperty("frameSize").GetInt32());
        Assert.Equal(4, first.RootElement.GetProperty("rows").GetInt32());
    }

    [Fact]
    public void Validate_StageTwoImageSize_MultipleOf32AndMusicOnly()
    {
        Assert.Contains(ExperimentConfigLoader.Validate(Config() with { StageTwo = Config().StageTwo with { ImageSize = 100 } }, "tiny.json"),
            e => e.Field == "stageTwo.imageSize" && e.Message.Contains("100"));
        var procedural =
            Config() with { Data = new ProceduralDataConfig { Classes = 4, ImageSize = 32 }, StageTwo = new StageTwoConfig { ImageSize = 64 } };
        Assert.Contains(ExperimentConfigLoader.Validate(procedural, "tiny.json"),
            e => e.Field == "stageTwo.imageSize" && e.Message.Contains("music"));
    }

    [Fact]
    public void Validate_MissingStageTwoFolders_NameTheirFields()
    {
        var config = Config() with { StageTwo = Config().StageTwo with { TrainFolder = "synthetic/nope", TestFolder = "synthetic/none" } };

        var errors = ExperimentConfigLoader.Validate(config, "tiny.json");

        Assert.Contains(errors, e => e.Field == "stageTwo.trainFolder" && e.Message.Contains("synthetic/nope"));
        Assert.Contains(errors, e => e.Field == "stageTwo.testFolder" && e.Message.Contains("box/"));
        var duet = Config("nope.json");
        Assert.Contains(ExperimentConfigLoader.Validate(duet, "tiny.json"), e => e.Field == "stageTwo.testAnnotations");
        // The class count is the build's categories.json (4 here), not data.classes.
        var fewClusters = Config() with { Data = Config().Data with { Classes = 2 }, Training = Config().Training with { Clusters = 3 } };
        Assert.Contains(ExperimentConfigLoader.Validate(fewClusters, "tiny.json"),
            e => e.Field == "training.clusters" && e.Message.Contains("4 classes"));
        Assert.Empty(ExperimentConfigLoader.Validate(Config() with { Data = Config().Data with { Classes = 13 } }, "tiny.json"));
    }
}
