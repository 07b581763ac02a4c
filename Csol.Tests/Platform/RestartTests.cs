using Csol.Abstractions;
using Csol.Tests.Support;
using Xunit;

namespace Csol.Tests.Platform;

[Trait("Category", "host")]
public sealed class RestartTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public async Task After_a_restart_the_experiment_its_status_and_its_metric_history_are_still_there()
    {
        using var data = TestPaths.NewTempDirectory("csol-restart");
        Guid id;
        ExperimentSnapshot before;
        IReadOnlyList<MetricPoint> metricsBefore;
        await using (var first = await PlatformHost.StartAsync(data.Path))
        {
            id = (await first.Experiments.QueueAsync(TinyConfigs.Train(epochs: 1), "tiny.json")).ExperimentId!.Value;
            before = await first.WaitForAsync(id, s => s.Status.IsFinished(), TimeSpan.FromMinutes(3));
            metricsBefore = await first.Experiments.GetMetricsAsync(id);
        }

        await using var second = await PlatformHost.StartAsync(data.Path);
        var after = await second.Experiments.GetAsync(id);
        var metricsAfter = await second.Experiments.GetMetricsAsync(id);
        var listed = await second.Experiments.ListAsync();

        Assert.NotNull(after);
        Assert.Equal(ExperimentStatus.Completed, after.Status);
        Assert.Equal(before.FinalMetrics, after.FinalMetrics);
        Assert.Equal(before.ConfigJson, after.ConfigJson);
        Assert.NotEmpty(metricsBefore);
        Assert.Equal(metricsBefore, metricsAfter);
        var row = Assert.Single(listed, e => e.Id == id);
        Assert.Equal(ExperimentStatus.Completed, row.Status);
        Assert.Equal(before.FinalMetrics, row.FinalMetrics); // the table row carries the same numbers as the grain
    }

    [Fact]
    public async Task A_run_interrupted_by_a_host_stop_runs_again_after_the_restart()
    {
        using var data = TestPaths.NewTempDirectory("csol-restart-running");
        Guid id;
        await using (var first = await PlatformHost.StartAsync(data.Path))
        {
            id = (await first.Experiments.QueueAsync(TinyConfigs.Train(epochs: 30), "long.json")).ExperimentId!.Value;
            await first.WaitForAsync(id, s => s.Status == ExperimentStatus.Running && s.LastStep > 0, TimeSpan.FromMinutes(2));
        } // stopping the host cancels the job through Hangfire's shutdown token; the experiment stays Running

        var restarted = DateTime.UtcNow;
        await using var second = await PlatformHost.StartAsync(data.Path);
        await second.WaitForAsync(id, s => s.Attempts == 2, TimeSpan.FromMinutes(2));
        output.WriteLine($"picked up again {(DateTime.UtcNow - restarted).TotalSeconds:F1} s after the restart");
        var done = await second.WaitForAsync(id, s => s.Status.IsFinished(), TimeSpan.FromMinutes(4));
        output.WriteLine($"completed {(DateTime.UtcNow - restarted).TotalSeconds:F1} s after the restart");

        Assert.Equal(ExperimentStatus.Completed, done.Status);
        Assert.Equal(2, done.Attempts);
        var steps = (await second.Experiments.GetMetricsAsync(id)).Where(p => p.Name == "loss").Select(p => p.Step).ToArray();
        Assert.Equal(Enumerable.Range(1, done.TotalSteps), steps); // the second attempt's history only, no repeats
    }
}
