using Csol.Abstractions;
using Csol.Abstractions.Services;
using Csol.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Csol.Tests.Platform;

[Trait("Category", "host")]
public sealed class QueueLoadTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const int Count = 1000;
    private const int RunCount = 40;

    [Fact]
    public async Task A_thousand_queued_probes_are_persisted_then_run_one_at_a_time_in_priority_order()
    {
        using var data = TestPaths.NewTempDirectory("csol-load");
        await using var host = await PlatformHost.StartAsync(data.Path, settings: new Dictionary<string, string?>
        {
            ["Csol:Jobs:QueuePollIntervalSeconds"] = "0.1",
            ["Csol:Scheduler:Host"] = "load",
        });
        var queue = host.Services.GetRequiredService<IQueueService>();

        // A long probe holds the one device while the thousand are queued, so all of them wait and start in queue order.
        var blocker =
            (await host.Experiments.QueueAsync(TinyConfigs.Probe(steps: 10_000, stepMilliseconds: 50, priority: 100), "blocker.json"))
            .ExperimentId!.Value;
        await host.WaitForAsync(blocker, s => s.Status == ExperimentStatus.Running, TimeSpan.FromSeconds(30));
        var random = new Random(42);
        var queued = new List<(Guid Id, int Priority)>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < Count; i++)
        {
            var priority = random.Next(0, 10);
            var result = await host.Experiments.QueueAsync(TinyConfigs.Probe(steps: 2, priority: priority, name: $"p{i}"), "load.json");
            queued.Add((result.ExperimentId!.Value, priority));
        }
        output.WriteLine($"queued {Count} in {clock.Elapsed.TotalSeconds:F1} s");

        var rows = await host.Experiments.ListAsync();
        Assert.Equal(Count, rows.Count(r => r.Status == ExperimentStatus.Queued));
        var expected = queued.Select((q, i) => (q.Id, q.Priority, i)).OrderByDescending(q => q.Priority).ThenBy(q => q.i).Select(q => q.Id).ToList();
        Assert.Equal(expected, (await queue.GetQueueAsync()).Waiting.Select(e => e.ExperimentId));

        // Every step starts a child process (docs/isolation.md), a few hundred ms each: the first RunCount run, in order,
        // then the rest are cancelled while still queued.
        clock.Restart();
        await host.Experiments.CancelAsync(blocker);
        var until = DateTime.UtcNow.AddMinutes(4);
        while ((rows = await host.Experiments.ListAsync()).Count(r => r.Status == ExperimentStatus.Completed) < RunCount && DateTime.UtcNow < until)
            await Task.Delay(500);
        output.WriteLine($"ran {RunCount} in {clock.Elapsed.TotalSeconds:F1} s");
        // From the back of the queue, so the cancelled ones are always its tail while the device goes on from the front.
        var waiting = rows.Where(r => r.Status == ExperimentStatus.Queued).Select(r => r.Id).ToHashSet();
        foreach (var id in Enumerable.Reverse(expected).Where(waiting.Contains))
            await host.Experiments.CancelAsync(id);
        for (var wait = DateTime.UtcNow.AddMinutes(1); (rows = await host.Experiments.ListAsync()).Any(r => !r.Status.IsFinished())
            && DateTime.UtcNow < wait;)
            await Task.Delay(200);

        var probes = rows.Where(r => r.Id != blocker).ToList();
        Assert.All(probes, r => Assert.True(r.Status is ExperimentStatus.Completed or ExperimentStatus.Cancelled, $"{r.Name} is {r.Status}"));
        var started = probes.Where(r => r.Status == ExperimentStatus.Completed).OrderBy(r => r.StartedAt).ToList();
        Assert.True(started.Count >= RunCount, $"only {started.Count} of the first {RunCount} completed");
        Assert.Equal(expected.Take(started.Count), started.Select(r => r.Id));
        Assert.All(started, r => Assert.Equal("load/cpu0", r.Device));
        for (var i = 1; i < started.Count; i++)
            Assert.True(started[i].StartedAt >= started[i - 1].FinishedAt, $"{started[i].Name} started before {started[i - 1].Name} finished");
        Assert.Empty((await queue.GetQueueAsync()).Waiting);
    }
}
