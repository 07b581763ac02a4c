using Csol.Abstractions;
using Csol.Abstractions.Services;
using Csol.Learning.Experiments;
using Csol.Learning.Training;
using Csol.Silo.Jobs;
using Csol.Tests.Learning.Detection;
using Csol.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Csol.Tests.Jobs;

/// <summary>The detection kind through the job system: real host, Hangfire on SQLite, Orleans, TorchSharp on CPU.</summary>
[Trait("Category", "host")]
public sealed class DetectionJobTests
{
    [Fact]
    public async Task A_queued_detection_experiment_runs_every_step_then_lands_on_the_detection_leaderboard_with_per_class_AP()
    {
        using var data = TestPaths.NewTempDirectory("csol-job-detection");
        await using var host = await PlatformHost.StartAsync(data.Path);
        var config = DetectionTinyConfigs.Detection();

        var queued = await host.Experiments.QueueAsync(ExperimentConfigLoader.ToJson(config), "detection.json");
        Assert.True(queued.Queued, string.Join("; ", queued.Errors));
        var done = await host.WaitForAsync(queued.ExperimentId!.Value, s => s.Status.IsFinished(), TimeSpan.FromMinutes(6));

        Assert.Equal(ExperimentStatus.Completed, done.Status);
        Assert.Null(done.Error);
        Assert.Equal(["preprocess", "stage-one", "matching", "stage-two", "evaluation", "detection"], new ExperimentSteps(config, data.Path).Names);
        foreach (var key in new[] { "map50", "heatmap_map50", "random_map50", "frame_map50", "upper_bound_map50", "val_auc" })
            Assert.True(done.FinalMetrics.ContainsKey(key), key);
        var points = await host.Experiments.GetMetricsAsync(done.Id);
        Assert.Contains(points, p => p.Name == "pseudo_det_loss");
        Assert.Equal(done.TotalSteps, points.Max(p => p.Step));

        var leaderboards = host.Services.GetRequiredService<ILeaderboardService>();
        var key2 = Assert.Single(await leaderboards.ListAsync(), k => k.Task == LeaderboardKey.Detection);
        var board = await leaderboards.GetAsync(key2);
        Assert.NotNull(board);
        Assert.Equal("map50", board.MetricColumns[0]);
        var entry = Assert.Single(board.Entries);
        Assert.Equal(done.FinalMetrics["map50"], entry.Metrics["map50"]);
        Assert.NotEmpty(board.ClassColumns);
        Assert.All(board.ClassColumns, c => Assert.Equal(done.FinalMetrics[$"ap50_{c}"], entry.PerClass[c]));
        // The entry links the detector trained on the pseudo-boxes, not stage two's network nor the true-box detector.
        var checkpoint = await host.Services.GetRequiredService<ICheckpointService>().GetAsync(entry.CheckpointId!.Value);
        Assert.NotNull(checkpoint);
        Assert.Equal("detection", checkpoint.Stage);
        Assert.Contains("detector-pseudo-", checkpoint.Path);
    }
}
