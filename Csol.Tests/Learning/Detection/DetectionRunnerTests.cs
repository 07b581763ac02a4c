using Csol.Learning.Detection;
using Csol.Learning.Experiments;
using Csol.Learning.Training;
using Csol.Tests.Support;
using Xunit;

namespace Csol.Tests.Learning.Detection;

/// <summary>The detection kind end to end on the tiny procedural pipeline, its resume, and its refusals.</summary>
[Trait("Category", "unit")]
public sealed class DetectionRunnerTests
{
    [Fact]
    public void Run_ReportsTheDetectorBesideEveryBaseline_ThenASecondRunSkipsIt()
    {
        using var temp = TestPaths.NewTempDirectory("csol-detection");
        var config = DetectionTinyConfigs.Detection();
        var runner = new DetectionRunner(config, temp.Path);
        var steps = new List<TrainingProgress>();

        var result = runner.Run(steps.Add, CancellationToken.None);

        foreach (
            var key in new[
                ] { "map50", "detector_map50", "heatmap_map50", "random_map50", "frame_map50", "upper_bound_map50", "pseudo_boxes", "val_auc" })
            Assert.True(result.FinalMetrics.ContainsKey(key), key);
        Assert.True(result.FinalMetrics["pseudo_boxes"] > 0);
        Assert.Contains(result.FinalMetrics.Keys, k => k.StartsWith("ap50_", StringComparison.Ordinal));
        Assert.All(result.FinalMetrics.Where(p => p.Key.Contains("map50")), p => Assert.InRange(p.Value, 0, 1));
        Assert.Equal(runner.TotalSteps, steps[^1].Step);
        Assert.Equal(Enumerable.Range(1, runner.TotalSteps), steps.Select(p => p.Step));
        var file = DetectionsFile.Read(Path.Combine(runner.Folder, DetectionsFile.FileName("composites")));
        Assert.Equal(config.StageTwo.TestComposites, file.Images.Count);
        Assert.All(file.Images, i => Assert.Equal(4, i.Truth.Count)); // every shown object, heard or not
        Assert.True(File.Exists(runner.PseudoBoxesPath));
        Assert.True(File.Exists(Path.Combine(temp.Path, DetectionsFile.EvaluationPath))); // for the Visualizations page

        var again = new DetectionRunner(config, temp.Path).Run(_ => { }, CancellationToken.None);

        Assert.Equal(result.FinalMetrics["map50"], again.FinalMetrics["map50"]);

        // Refusals on the same folder: first the matching gone, then stage two.
        File.Delete(runner.MetricsPath);
        File.Delete(runner.Pipeline.MatchingPath);
        var noMatching =
            Assert.Throws<InvalidOperationException>(() => new DetectionRunner(config, temp.Path).RunDetection(_ => { }, CancellationToken.None));
        Assert.Contains("matching", noMatching.Message);
        File.Delete(runner.Pipeline.StageTwoCheckpointPath);
        var noStageTwo =
            Assert.Throws<InvalidOperationException>(() => new DetectionRunner(config, temp.Path).RunDetection(_ => { }, CancellationToken.None));
        Assert.Contains("stage two", noStageTwo.Message);
    }

    [Fact]
    public void NoClassMapAboveMinPeak_IsReported_NotACrash()
    {
        using var temp = TestPaths.NewTempDirectory("csol-detection");
        // Per-pixel softmax sums can saturate at exactly 1.0 (a clean-clone run once made 4 boxes at minPeak 1 alone), so
        // a box here would also need its class to hold the whole frame at its peak: a flat, saturated class map.
        var baseline = DetectionTinyConfigs.Detection(1.0);
        var tiny = baseline.Detection!;
        // With stageTwo.objectMapInit "identity" the tiny net's raw dot products are large enough that one atom takes
        // a whole frame at probability 1, which is a real box; the reference init keeps the maps soft here.
        var config = baseline with
        {
            StageTwo = baseline.StageTwo with { ObjectMapInit = StageTwoConfig.ReferenceObjectMapInit },
            Detection = tiny with
            {
                TrainOnTrueBoxes = false,
                PseudoBoxes = tiny.PseudoBoxes with { RelativeThreshold = 1.0, MinArea = 1.0 },
            },
        };
        var runner = new DetectionRunner(config, temp.Path);

        var result = runner.Run(_ => { }, CancellationToken.None);

        Assert.Equal(0, result.FinalMetrics["pseudo_boxes"]);
        Assert.Equal(0, result.FinalMetrics["heatmap_map50"]);
        Assert.False(result.FinalMetrics.ContainsKey("map50"));
        Assert.True(result.FinalMetrics.ContainsKey("random_map50"));
        Assert.Contains("No pseudo-box", File.ReadAllText(runner.NotesPath));
    }

    [Fact]
    public void ATestSplitWithoutBoxes_IsRefused()
    {
        var set = new DetectionSet("solotest", 32, [new DetectionImage(0, new float[3 * 32 * 32], [])]);

        var error = Assert.Throws<InvalidDataException>(() => DetectionData.RequireBoxes(set, "solotest.json"));

        Assert.Contains("solotest.json: none of its 1 test images has a box", error.Message);
    }

    [Fact]
    public void Config_BadDetectionFields_AreNamed()
    {
        var config = DetectionTinyConfigs.Detection() with
        {
            Detection = new DetectionConfig
            {
                PseudoBoxes = new PseudoBoxConfig { Score = "median", RelativeThreshold = 0 },
                Detector = new DetectorConfig { Init = "imagenet-v9", Epochs = 0 },
            },
        };

        var fields = ExperimentConfigLoader.Validate(config, "d.json").Select(e => e.Field).ToArray();

        Assert.Contains("detection.pseudoBoxes.score", fields);
        Assert.Contains("detection.pseudoBoxes.relativeThreshold", fields);
        Assert.Contains("detection.detector.init", fields);
        Assert.Contains("detection.detector.epochs", fields);
        Assert.Empty(ExperimentConfigLoader.Validate(DetectionTinyConfigs.Detection(), "d.json"));
    }

    [Fact]
    public void Config_TestAnnotations_ParseAsAnArrayOfStrings_AndOtherShapesAreNamed()
    {
        var json = ExperimentConfigLoader.ToJson(DetectionTinyConfigs.Detection() with
        {
            Detection = new DetectionConfig { TestAnnotations = ["solotest.json", "duettest.json"] },
        });

        Assert.Equal(["solotest.json", "duettest.json"], ExperimentConfigLoader.Parse(json, "d.json").Detection.TestAnnotations);
        var bad = Assert.Throws<ExperimentConfigException>(() => ExperimentConfigLoader.Parse(
            json.Replace("\"solotest.json\"", "3"), "d.json"));
        Assert.Contains(bad.Errors, e => e.Field == "detection.testAnnotations" && e.Message.Contains("an array of strings"));
    }
}
