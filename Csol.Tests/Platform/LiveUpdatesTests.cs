using System.Collections.Concurrent;
using Csol.Abstractions;
using Csol.Abstractions.Services;
using Csol.Tests.Support;
using Xunit;

namespace Csol.Tests.Platform;

[Trait("Category", "host")]
public sealed class LiveUpdatesTests
{
    [Fact]
    public async Task A_watcher_is_pushed_every_metric_point_and_every_status_change()
    {
        using var data = TestPaths.NewTempDirectory("csol-watch");
        await using var host = await PlatformHost.StartAsync(data.Path);
        var queued = await host.Experiments.QueueAsync(TinyConfigs.Train(epochs: 1), "tiny.json");
        var id = queued.ExperimentId!.Value;
        var watcher = new RecordingWatcher();

        await using (await host.Experiments.WatchAsync(id, watcher))
        {
            await host.WaitForAsync(id, s => s.Status.IsFinished(), TimeSpan.FromMinutes(3));
            await watcher.WaitForStatusAsync(ExperimentStatus.Completed, TimeSpan.FromSeconds(10));
        }

        var stored = await host.Experiments.GetMetricsAsync(id);
        Assert.Contains(ExperimentStatus.Running, watcher.Statuses);
        Assert.Equal(ExperimentStatus.Completed, watcher.Statuses.Last());
        Assert.Equal(stored.Count, watcher.Points.Count);
        Assert.Equal(stored.OrderBy(p => p.Step).ThenBy(p => p.Name), watcher.Points.OrderBy(p => p.Step).ThenBy(p => p.Name));
    }

    private sealed class RecordingWatcher : IExperimentWatcher
    {
        private readonly TaskCompletionSource _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ConcurrentQueue<MetricPoint> Points { get; } = new();

        public ConcurrentQueue<ExperimentStatus> Statuses { get; } = new();

        public Task OnMetricsAsync(IReadOnlyList<MetricPoint> points)
        {
            foreach (var p in points)
                Points.Enqueue(p);
            return Task.CompletedTask;
        }

        public Task OnChangedAsync(ExperimentSnapshot snapshot)
        {
            Statuses.Enqueue(snapshot.Status);
            if (snapshot.Status == ExperimentStatus.Completed)
                _completed.TrySetResult();
            return Task.CompletedTask;
        }

        public Task WaitForStatusAsync(ExperimentStatus status, TimeSpan timeout) => _completed.Task.WaitAsync(timeout);
    }
}
