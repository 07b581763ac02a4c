using Csol.Grains.Abstractions;
using Csol.Tests.Support;
using Xunit;

namespace Csol.Tests.Platform;

public sealed class RestartTests
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
        Assert.Contains(listed, e => e.Id == id && e.Status == ExperimentStatus.Completed);
    }
}
