using System.Text.Json;
using Csol.Learning.Checkpoints;
using Csol.Learning.Evaluation;
using Csol.Learning.Training;
using Csol.Tests.Support;
using SkiaSharp;
using Xunit;

namespace Csol.Tests.Learning.StageTwo;

[Trait("Category", "unit")]
public sealed class PipelineRunnerTests
{
    [Fact]
    public void Run_Twice_SecondRunSkipsEveryFinishedStepAndReturnsTheSameMetrics()
    {
        using var temp = TestPaths.NewTempDirectory("csol-pipeline");
        var config = StageTwoTinyConfigs.Pipeline();
        var first = new PipelineRunner(config, temp.Path);
        var firstSteps = new List<TrainingProgress>();

        var result = first.Run(firstSteps.Add, CancellationToken.None);

        Assert.Empty(first.SkippedSteps);
        foreach (var file in new[] { first.StageOneCheckpointPath, first.MatchingPath, first.StageTwoCheckpointPath, first.MetricsPath })
            Assert.True(File.Exists(file), file);
        foreach (
            var key in new[
                ] { "val_ciou@0.3", "val_ciou@0.5", "val_auc", "val_nsa", "baseline_agnostic_ciou@0.3", "baseline_random_ciou@0.3",
                "matching_profit" })
            Assert.True(result.FinalMetrics.ContainsKey(key), key);
        Assert.Contains(result.FinalMetrics.Keys, k => k.StartsWith("val_ciou_", StringComparison.Ordinal) && !k.Contains('@'));
        Assert.Equal(Enumerable.Range(1, firstSteps.Count), firstSteps.Select(p => p.Step));
        Assert.Equal(4, File.ReadAllLines(Path.Combine(temp.Path, "evaluation", "results.jsonl")).Length);
        using (var picture = SKBitmap.Decode(Path.Combine(temp.Path, "pictures", "0000.png")))
            Assert.Equal(HeatmapLayout.For(4, 32).Width, picture.Width);
        var written = File.GetLastWriteTimeUtc(first.StageTwoCheckpointPath);

        var second = new PipelineRunner(config, temp.Path);
        var secondSteps = new List<TrainingProgress>();
        var again = second.Run(secondSteps.Add, CancellationToken.None);

        Assert.Equal(["stage-one", "matching", "stage-two", "evaluation"], second.SkippedSteps);
        Assert.Single(secondSteps); // only the evaluation's closing step
        Assert.Equal(written, File.GetLastWriteTimeUtc(second.StageTwoCheckpointPath));
        Assert.Equal(result.FinalMetrics["val_auc"], again.FinalMetrics["val_auc"]);
    }

    [Fact]
    public void Run_MetricsDeleted_OnlyTheEvaluationRunsAgain()
    {
        using var temp = TestPaths.NewTempDirectory("csol-pipeline");
        var config = StageTwoTinyConfigs.Pipeline();
        var result = new PipelineRunner(config, temp.Path).Run(_ => { }, CancellationToken.None);
        File.Delete(Path.Combine(temp.Path, PipelineRunner.MetricsFile));

        var runner = new PipelineRunner(config, temp.Path);
        var again = runner.Run(_ => { }, CancellationToken.None);

        Assert.Equal(["stage-one", "matching", "stage-two"], runner.SkippedSteps);
        Assert.Equal(result.FinalMetrics["val_ciou@0.3"], again.FinalMetrics["val_ciou@0.3"]);
        Assert.Equal(result.FinalMetrics["baseline_random_auc"], again.FinalMetrics["baseline_random_auc"]);
        Assert.NotNull(JsonSerializer.Deserialize<Dictionary<string, double>>(File.ReadAllText(runner.MetricsPath)));
    }

    [Fact]
    public void Run_TwoStageTwoEpochs_SavesTheFirstEpochsMapsNextToTheFinalOnes()
    {
        using var temp = TestPaths.NewTempDirectory("csol-pipeline-epochs");
        var config = StageTwoTinyConfigs.Pipeline(stageTwoEpochs: 2);
        var runner = new PipelineRunner(config, temp.Path);

        runner.Run(_ => { }, CancellationToken.None);

        Assert.True(File.Exists(Path.Combine(runner.StageTwoDirectory, StageTwoCheckpoint.EpochFileName(0))));
        Assert.False(File.Exists(Path.Combine(runner.StageTwoDirectory, StageTwoCheckpoint.EpochFileName(1)))); // the last is stage-two.ckpt
        var epochMaps = Path.Combine(temp.Path, ImageMapsFile.EpochFolder(ImageMapsFile.EpochKey(0)));
        Assert.Equal(config.StageTwo.TestComposites, Directory.GetFiles(epochMaps, "*.json").Length);
        Assert.Empty(Directory.GetFiles(epochMaps, "*.png")); // frames are the final evaluation's
        var early = Enumerable.Range(0, config.StageTwo.TestComposites)
            .Select(i => ImageMapsFile.Read(Path.Combine(epochMaps, ImageMapsFile.JsonName(i)))).ToArray();
        var final = Enumerable.Range(0, config.StageTwo.TestComposites)
            .Select(i => ImageMapsFile.Read(Path.Combine(temp.Path, ImageMapsFile.Folder, ImageMapsFile.JsonName(i)))).ToArray();
        Assert.Equal(final.Select(m => (m.Rows, m.Columns, m.Sounding.Count)), early.Select(m => (m.Rows, m.Columns, m.Sounding.Count)));
        // One more epoch of training moved the maps.
        Assert.Contains(Enumerable.Range(0, final.Length), i => !final[i].Classes[0].Values.SequenceEqual(early[i].Classes[0].Values));
    }
}
