using System.Text.Json;
using Csol.Learning.Checkpoints;
using Csol.Learning.Experiments;
using Csol.Learning.Training;
using Xunit;

namespace Csol.Tests.Learning.Training;

/// <summary><c>training.earlyStopping</c> in the real stage-one trainer: it stops, writes no later epoch, and model
/// selection (<c>selection.json</c>) picks the best validated epoch by the watched metric.</summary>
[Trait("Category", "unit")]
public sealed class StageOneEarlyStoppingTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "csol-early-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Training_stops_once_patience_runs_out_and_the_selected_epoch_is_the_best_by_that_metric()
    {
        // A minDelta no epoch can beat: epoch 0 sets the best, epochs 1 and 2 are stale, so training stops after epoch 2 of 6.
        var tiny = StageOneTrainerTests.Tiny(epochs: 6);
        var rule = new EarlyStoppingConfig { Metric = "val_loss", Patience = 2, MinDelta = 100 };
        var config = tiny with { Training = tiny.Training with { EarlyStopping = rule } };
        var progress = new List<TrainingProgress>();

        var result = new StageOneTrainer(config, new StageOneTrainerOptions { CheckpointDirectory = folder })
            .Run(progress.Add, CancellationToken.None);

        Assert.Equal(2, result.FinalMetrics["stopped_early_epoch"]);
        Assert.Equal(2, progress.Max(p => p.Epoch));
        Assert.Equal(Enumerable.Range(0, 3).Select(StageOneCheckpoint.FileName),
            Directory.GetFiles(folder, "stage-one-e*.ckpt").Select(Path.GetFileName).Order());
        var validated = progress.Where(p => p.Metrics.ContainsKey("val_loss")).Select(p => (p.Epoch, Loss: p.Metrics["val_loss"])).ToArray();
        var best = validated.OrderBy(v => v.Loss).ThenBy(v => v.Epoch).First();
        Assert.Equal(best.Epoch, result.FinalMetrics["selected_epoch"]);
        using var selection = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "selection.json")));
        var root = selection.RootElement;
        Assert.Equal((best.Epoch, 3), (root.GetProperty("epoch").GetInt32(), root.GetProperty("validated").GetArrayLength()));
        Assert.Contains("training.earlyStopping.metric", selection.RootElement.GetProperty("reason").GetString());
    }

    public void Dispose()
    {
        if (Directory.Exists(folder))
            Directory.Delete(folder, recursive: true);
    }
}
