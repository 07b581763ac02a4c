using Csol.Abstractions;
using Xunit;

namespace Csol.Tests.Grains;

/// <summary>The scheduler grain in a TestCluster, with state in SQLite and jobs dispatched into a real Hangfire SQLite store.</summary>
[Trait("Category", "cluster")]
public sealed class SchedulerGrainTests(PlatformClusterFixture fixture) : IClassFixture<PlatformClusterFixture>
{
    // Each test gets its own scheduler (the grain does not care about its key) and its own host name, so tests sharing
    // the cluster do not see each other's queues.
    private readonly ISchedulerGrain _scheduler = fixture.Cluster.GrainFactory.GetGrain<ISchedulerGrain>(Random.Shared.NextInt64(1, long.MaxValue));
    private readonly string _host = $"h{Guid.NewGuid():N}"[..10];

    private DeviceInfo Cpu(int i) => new(_host, $"cpu{i}", DeviceInfo.Cpu, "test slot");

    private static QueueEntry Entry(string name, int priority, string device = "auto") =>
        new(Guid.NewGuid(), name, priority, DateTimeOffset.UtcNow, device);

    private IReadOnlyList<JobTicket> Dispatched(DeviceInfo device) =>
        fixture.JobStorage.GetMonitoringApi().EnqueuedJobs(JobTicket.QueueName(device), 0, 100)
            .Select(j => (JobTicket)j.Value.Job.Args[0]).ToList();

    [Fact]
    public async Task Waiting_experiments_are_ordered_by_priority_then_queue_order_and_can_be_reprioritised_and_moved()
    {
        await _scheduler.RegisterHostAsync(_host, []); // no device yet: everything waits
        var (a, b, c, d) = (Entry("a", 0), Entry("b", 5), Entry("c", 0), Entry("d", 5));
        await _scheduler.EnqueueAsync([a, b, c, d]);
        await _scheduler.EnqueueAsync([a]); // queued twice: still once

        Assert.Equal(["b", "d", "a", "c"], (await _scheduler.GetQueueAsync()).Waiting.Select(e => e.Name));

        Assert.True(await _scheduler.SetPriorityAsync(c.ExperimentId, 9));
        Assert.Equal(["c", "b", "d", "a"], (await _scheduler.GetQueueAsync()).Waiting.Select(e => e.Name));

        Assert.Equal(5, await _scheduler.MoveAsync(a.ExperimentId, 1)); // between c (9) and b (5): ahead of b
        Assert.Equal(["c", "a", "b", "d"], (await _scheduler.GetQueueAsync()).Waiting.Select(e => e.Name));
        Assert.Equal(5, await _scheduler.MoveAsync(b.ExperimentId, 3)); // last
        Assert.Equal(["c", "a", "d", "b"], (await _scheduler.GetQueueAsync()).Waiting.Select(e => e.Name));
        Assert.NotNull(await _scheduler.MoveAsync(c.ExperimentId, 0));
        Assert.Equal("c", (await _scheduler.GetQueueAsync()).Waiting[0].Name);

        Assert.True(await _scheduler.RemoveAsync(d.ExperimentId));
        Assert.False(await _scheduler.RemoveAsync(d.ExperimentId));
        Assert.Null(await _scheduler.MoveAsync(d.ExperimentId, 0));
        Assert.Equal(["c", "a", "b"], (await _scheduler.GetQueueAsync()).Waiting.Select(e => e.Name));
    }

    [Fact]
    public async Task One_experiment_per_device_the_highest_priority_first_and_the_next_on_release()
    {
        var device = Cpu(0);
        await _scheduler.RegisterHostAsync(_host, []);
        var (low, high) = (Entry("low", 1), Entry("high", 2));
        await _scheduler.EnqueueAsync([low, high]);

        await _scheduler.RegisterHostAsync(_host, [device]);

        var first = Assert.Single(Dispatched(device));
        Assert.Equal(high.ExperimentId, first.ExperimentId);
        Assert.Equal(0, first.Step);
        var view = await _scheduler.GetQueueAsync();
        Assert.Equal(high.ExperimentId, Assert.Single(view.Devices).RunningExperimentId);
        Assert.Equal("low", Assert.Single(view.Waiting).Name);
        Assert.True(await _scheduler.ClaimAsync(first));

        await _scheduler.AdvanceAsync(first); // step 0 done: step 1 on the same device, with a new ticket
        var second = Dispatched(device)[^1];
        Assert.Equal((high.ExperimentId, 1), (second.ExperimentId, second.Step));
        Assert.False(await _scheduler.ClaimAsync(first));
        Assert.Single((await _scheduler.GetQueueAsync()).Waiting);

        await _scheduler.ReleaseAsync(second);

        var third = Dispatched(device)[^1];
        Assert.Equal((low.ExperimentId, 0), (third.ExperimentId, third.Step));
        Assert.Empty((await _scheduler.GetQueueAsync()).Waiting);
        await _scheduler.ReleaseAsync(second); // a stale release changes nothing
        Assert.Equal(low.ExperimentId, (await _scheduler.GetQueueAsync()).Devices.Single().RunningExperimentId);
    }

    [Fact]
    public async Task A_restarted_host_gets_its_running_step_dispatched_again_and_the_old_job_goes_stale()
    {
        var device = Cpu(0);
        await _scheduler.RegisterHostAsync(_host, [device]);
        var entry = Entry("survivor", 0);
        await _scheduler.EnqueueAsync([entry]);
        var before = Assert.Single(Dispatched(device));
        await _scheduler.AdvanceAsync(before);
        var running = Dispatched(device)[^1];

        await _scheduler.RegisterHostAsync(_host, [device]); // the process died and came back

        var again = Dispatched(device)[^1];
        Assert.Equal((entry.ExperimentId, running.Step), (again.ExperimentId, again.Step));
        Assert.NotEqual(running.Token, again.Token);
        Assert.False(await _scheduler.ClaimAsync(running));
        Assert.True(await _scheduler.ClaimAsync(again));
    }

    [Fact]
    public async Task Requests_go_only_to_devices_that_can_run_them()
    {
        var (cpu0, cpu1) = (Cpu(0), Cpu(1));
        await _scheduler.RegisterHostAsync(_host, []);
        var cuda = Entry("wants-cuda", 10, "cuda");
        var cpu = Entry("wants-cpu", 0, "cpu");
        await _scheduler.EnqueueAsync([cuda, cpu]);

        await _scheduler.RegisterHostAsync(_host, [cpu0, cpu1]);

        var view = await _scheduler.GetQueueAsync();
        Assert.Equal("wants-cuda", Assert.Single(view.Waiting).Name); // waits for a CUDA host to join
        Assert.Equal(cpu.ExperimentId, view.Devices.Single(d => d.RunningExperimentId is not null).RunningExperimentId);
        Assert.Single(view.Devices, d => d.RunningExperimentId is null);
    }

    [Fact]
    public async Task An_experiment_whose_device_is_gone_after_a_restart_waits_again_with_its_priority()
    {
        var (cpu0, cpu1) = (Cpu(0), Cpu(1));
        await _scheduler.RegisterHostAsync(_host, [cpu0, cpu1]);
        var (first, second) = (Entry("first", 4), Entry("second", 3));
        await _scheduler.EnqueueAsync([first, second]);
        var later = Entry("later", 3);
        await _scheduler.EnqueueAsync([later]);

        await _scheduler.RegisterHostAsync(_host, [cpu0]); // restarted with one slot fewer

        var view = await _scheduler.GetQueueAsync();
        var stranded = view.Devices.Single().RunningExperimentId == first.ExperimentId ? second : first;
        Assert.Equal([stranded.ExperimentId, later.ExperimentId], view.Waiting.Select(e => e.ExperimentId)); // ahead of its priority
        Assert.Equal(stranded.Priority, view.Waiting[0].Priority);
    }
}
