using System.Text.Json;
using Csol.Learning.Data.Npy;
using Csol.Learning.Experiments;
using Csol.Learning.Training;
using Xunit;

namespace Csol.Tests.Learning.Training;

/// <summary>Stage one chooses its epoch on the validation clips and scores the test clips once, with that epoch's weights.</summary>
[Trait("Category", "unit")]
public sealed class StageOneSelectionTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "csol-selection-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Run_PicksTheEpochWithTheLowestValidationLossAndScoresTheTestSetOnceThere()
    {
        var progress = new List<TrainingProgress>();
        var result = new StageOneTrainer(StageOneTrainerTests.Tiny(epochs: 4), new StageOneTrainerOptions { CheckpointDirectory = folder })
            .Run(progress.Add, CancellationToken.None);

        var validated = progress.Where(p => p.Metrics.ContainsKey("val_loss")).Select(p => (p.Epoch, Loss: p.Metrics["val_loss"])).ToArray();
        Assert.Equal(4, validated.Length);
        var best = validated.OrderBy(v => v.Loss).ThenBy(v => v.Epoch).First();
        Assert.Equal(best.Epoch, result.FinalMetrics["selected_epoch"]);
        foreach (var key in new[] { "test_loss", "test_accuracy", "test_iou@0.5", "test_auc", "test_pointing" })
            Assert.True(result.FinalMetrics.ContainsKey(key), key);
        // The test clips are scored only at the end: no progress point carries a test metric.
        Assert.DoesNotContain(progress, p => p.Metrics.Keys.Any(k => k.StartsWith("test_", StringComparison.Ordinal)));

        using var selection = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "selection.json")));
        Assert.Equal("val_loss", selection.RootElement.GetProperty("criterion").GetString());
        Assert.Equal(best.Epoch, selection.RootElement.GetProperty("epoch").GetInt32());
        Assert.Equal(best.Loss, selection.RootElement.GetProperty("value").GetDouble(), 6);
        Assert.Equal(4, selection.RootElement.GetProperty("validated").GetArrayLength());
        Assert.Equal(result.FinalMetrics["test_auc"], selection.RootElement.GetProperty("test").GetProperty("test_auc").GetDouble(), 9);

        // 64 test clips (data.testClips default) at 32 px: one 2×2 raw map each.
        Assert.Equal([64, 2, 2], NpyFile.ReadFloat32(Path.Combine(folder, "evaluation", "test", "maps.npy")).Shape);
        Assert.Equal(64, File.ReadAllLines(Path.Combine(folder, "evaluation", "test", "maps-keys.txt")).Length);
    }

    [Fact]
    public void Run_SelectByLast_ScoresTheLastEpoch()
    {
        var config = StageOneTrainerTests.Tiny(epochs: 2);
        config = config with { Training = config.Training with { SelectBy = "last" } };

        var result = new StageOneTrainer(config).Run(_ => { }, CancellationToken.None);

        Assert.Equal(1, result.FinalMetrics["selected_epoch"]);
    }

    [Fact]
    public void Validate_UnknownCriterion_IsRefusedNamingTheField()
    {
        var config = StageOneTrainerTests.Tiny(epochs: 1);
        var errors = ExperimentConfigLoader.Validate(config with { Training = config.Training with { SelectBy = "test_auc" } }, "x.json");

        Assert.Contains(errors, e => e.Field == "training.selectBy" && e.Message.Contains("val_loss", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        if (Directory.Exists(folder))
            Directory.Delete(folder, recursive: true);
    }
}
