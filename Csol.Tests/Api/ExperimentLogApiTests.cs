using System.Net;
using System.Net.Http.Json;
using Csol.Abstractions;
using Csol.Tests.Support;
using Xunit;

namespace Csol.Tests.Api;

/// <summary>The per-experiment log the step jobs write, read through <c>GET /api/experiments/{id}/log</c> on the real host.</summary>
[Trait("Category", "host")]
public sealed class ExperimentLogApiTests
{
    [Fact]
    public async Task A_retried_then_a_failed_probe_log_their_attempts_and_errors_in_order()
    {
        using var data = TestPaths.NewTempDirectory("csol-log");
        await using var host =
            await PlatformHost.StartAsync(data.Path, settings: new Dictionary<string, string?> { ["Csol:Jobs:MaxAttempts"] = "2" });
        using var http = host.CreateClient();
        var retried = (await host.Experiments.QueueAsync(TinyConfigs.Probe(failFirstAttempts: 1, name: "once"), "test")).ExperimentId!.Value;
        var failed = (await host.Experiments.QueueAsync(TinyConfigs.Probe(failFirstAttempts: 5, name: "always"), "test")).ExperimentId!.Value;
        Assert.Equal(ExperimentStatus.Completed, (await host.WaitForAsync(retried, s => s.Status.IsFinished(), TimeSpan.FromSeconds(30))).Status);
        Assert.Equal(ExperimentStatus.Failed, (await host.WaitForAsync(failed, s => s.Status.IsFinished(), TimeSpan.FromSeconds(30))).Status);

        var onceAll = (await http.GetFromJsonAsync<ExperimentLogLine[]>($"/api/experiments/{retried}/log"))!;
        // Each attempt runs in a child process of its own, which the log names; the rest is the steps' story.
        Assert.Equal(2, onceAll.Count(l => l.Message.Contains(" runs in process ", StringComparison.Ordinal)));
        var once = onceAll.Where(l => !IsProcessLine(l)).ToArray();
        Assert.Collection(once,
            l => Assert.Matches("^probe attempt 1 on .+: started$", l.Message),
            l => Assert.Equal(
                (ExperimentLogLine.Warning,
                    "probe attempt 1 failed: InvalidOperationException: probe: attempt 1 fails on purpose (probe.failFirstAttempts is 1); trying "
                    + "again"), (l.Level, l.Message)),
            l => Assert.Matches("^probe attempt 2 on .+: started$", l.Message),
            l => Assert.Equal((ExperimentLogLine.Info, "probe finished"), (l.Level, l.Message)));
        Assert.All(onceAll, l => Assert.Equal(retried, l.ExperimentId));
        Assert.True(onceAll.Zip(onceAll.Skip(1)).All(p => p.First.Sequence < p.Second.Sequence && p.First.At <= p.Second.At));

        var always = (await http.GetFromJsonAsync<ExperimentLogLine[]>($"/api/experiments/{failed}/log"))!.Where(l => !IsProcessLine(l)).ToArray();
        Assert.Equal([ExperimentLogLine.Info, ExperimentLogLine.Warning, ExperimentLogLine.Info, ExperimentLogLine.Error],
            always.Select(l => l.Level));
        Assert.StartsWith("probe attempt 2 failed: InvalidOperationException: probe: attempt 2 fails on purpose", always[^1].Message);

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/api/experiments/{Guid.NewGuid()}/log")).StatusCode);
    }

    private static bool IsProcessLine(ExperimentLogLine line) =>
        line.Message.Contains(" runs in process ", StringComparison.Ordinal) || line.Message.Contains("(pid ", StringComparison.Ordinal);
}
