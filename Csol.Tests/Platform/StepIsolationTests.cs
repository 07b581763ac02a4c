using System.Net.Http.Json;
using System.Text.Json;
using Csol.Abstractions;
using Csol.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Csol.Tests.Platform;

/// <summary>Every step runs in a <c>csol step</c> child process of its own: what happens to the host, the attempt and the
/// child when the child aborts, runs out of its memory limit, or is cancelled. Real processes throughout.</summary>
[Trait("Category", "host")]
public sealed class StepIsolationTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task A_child_that_aborts_natively_fails_only_its_attempt_while_the_server_answers_and_the_retry_completes()
    {
        using var data = TestPaths.NewTempDirectory("csol-abort");
        using var server = await CsolProcess.StartServerAsync(data.Path, "--Csol:Jobs:QueuePollIntervalSeconds=0.2");
        using var http = server.CreateClient();
        http.Timeout = TimeSpan.FromSeconds(10);
        var created = await http.PostAsJsonAsync("/api/experiments",
            new { config = TinyConfigs.Probe(steps: 3, stepMilliseconds: 50, failFirstAttempts: 1, failure: "abort"), source = "abort.json" });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        // The server answers every request while the child aborts and the retry runs.
        JsonElement done;
        var answered = 0;
        for (var until = DateTime.UtcNow + Patience; ; await Task.Delay(100))
        {
            Assert.True((await http.GetAsync("/healthz")).IsSuccessStatusCode);
            answered++;
            done = await http.GetFromJsonAsync<JsonElement>($"/api/experiments/{id}");
            if (done.GetProperty("status").GetString() is not ("Queued" or "Running"))
                break;
            Assert.True(DateTime.UtcNow < until, $"not finished: {done}");
        }
        Assert.False(server.Process.HasExited);

        var log = await LogAsync(http, id);
        output.WriteLine($"{answered} health checks answered; log: {string.Join(" | ", log)}");
        Assert.Equal("Completed", done.GetProperty("status").GetString());
        Assert.Equal(2, done.GetProperty("attempts").GetInt32());
        var attempts = done.GetProperty("attemptHistory").EnumerateArray().ToList();
        Assert.Contains("SIGABRT", attempts[0].GetProperty("error").GetString());
        Assert.Equal(JsonValueKind.Null, attempts[1].GetProperty("error").ValueKind);
        // Environment.FailFast's own message reached the log through the child's stderr.
        Assert.Contains(log, l => l.Contains("aborts its process on purpose", StringComparison.Ordinal));
        var steps =
            (await http.GetFromJsonAsync<JsonElement>($"/api/experiments/{id}/metrics")).EnumerateArray()
            .Select(p => p.GetProperty("step").GetInt32());
        Assert.Equal([1, 2, 3], steps);
    }

    [Fact]
    public async Task A_child_over_its_memory_limit_is_killed_and_its_attempt_fails_saying_so()
    {
        using var data = TestPaths.NewTempDirectory("csol-memory");
        await using var host =
            await PlatformHost.StartAsync(data.Path, settings: new Dictionary<string, string?> { ["Csol:Jobs:MemoryLimitMiB"] = "400" });

        var queued = await host.Experiments.QueueAsync(TinyConfigs.Probe(steps: 2, failFirstAttempts: 1, failure: "allocate"), "memory.json");
        var done = await host.WaitForAsync(queued.ExperimentId!.Value, s => s.Status.IsFinished(), Patience);

        var log = (await host.Services.GetRequiredService<IExperimentLog>().ReadAsync(done.Id)).Select(l => l.Message).ToList();
        output.WriteLine(string.Join(" | ", log));
        Assert.Equal(ExperimentStatus.Completed, done.Status); // the second attempt does not allocate
        Assert.Equal(2, done.Attempts);
        Assert.Contains("exceeded its memory limit of 400 MiB", done.AttemptHistory[0].Error);
        Assert.Contains(log, l => l.Contains("memory limit 400 MiB", StringComparison.Ordinal));
        Assert.False(StepChildren.IsRunning(StepChildren.PidFromLog(log, "probe")!.Value));
    }

    [Fact]
    public async Task Cancelling_a_running_experiment_stops_its_child_and_leaves_no_process()
    {
        using var data = TestPaths.NewTempDirectory("csol-cancel-child");
        await using var host =
            await PlatformHost.StartAsync(data.Path, settings: new Dictionary<string, string?> { ["Csol:Jobs:CancelGraceSeconds"] = "5" });
        var logs = host.Services.GetRequiredService<IExperimentLog>();
        var id = (await host.Experiments.QueueAsync(TinyConfigs.Probe(steps: 10_000, stepMilliseconds: 50), "long.json")).ExperimentId!.Value;
        await host.WaitForAsync(id, s => s.Status == ExperimentStatus.Running && s.LastStep > 0, Patience);
        var pid = StepChildren.PidFromLog((await logs.ReadAsync(id)).Select(l => l.Message), "probe")!.Value;
        Assert.True(StepChildren.IsRunning(pid));
        Assert.Equal([pid], StepChildren.Running(id));

        await host.Experiments.CancelAsync(id);
        var cancelled = await host.WaitForAsync(id, s => s.Status.IsFinished(), TimeSpan.FromSeconds(30));

        Assert.Equal(ExperimentStatus.Cancelled, cancelled.Status);
        Assert.False(StepChildren.IsRunning(pid), $"child {pid} still runs after the cancel");
        Assert.Empty(StepChildren.Running(id));
        Assert.True(cancelled.LastStep < cancelled.TotalSteps);
    }

    private static async Task<List<string>> LogAsync(HttpClient http, Guid id) =>
        (await http.GetFromJsonAsync<JsonElement>($"/api/experiments/{id}/log")).EnumerateArray().Select(l => l.GetProperty("message").GetString()!)
            .ToList();
}
