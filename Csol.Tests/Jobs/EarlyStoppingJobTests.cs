using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Csol.Abstractions;
using Csol.Tests.Support;
using Xunit;

namespace Csol.Tests.Jobs;

/// <summary>Early stopping on the real host (scheduler, Hangfire, child processes) with probes whose metric curves are
/// scripted (<c>probe.curves</c>), so the epoch each rule stops at is known in advance.</summary>
[Trait("Category", "host")]
public sealed class EarlyStoppingJobTests
{
    // One CPU slot: sweep members run one after another, in queue order.
    private static readonly Dictionary<string, string?> OneSlot = new() { ["Csol:Scheduler:CpuSlots"] = "1" };

    [Fact]
    public async Task Training_early_stopping_stops_after_patience_epochs_and_selects_the_best_epoch()
    {
        using var data = TestPaths.NewTempDirectory("csol-patience");
        await using var host = await PlatformHost.StartAsync(data.Path, settings: OneSlot);
        const string config = """
            {
              "name": "patience", "kind": "probe",
              "probe": { "steps": 8, "curves": { "val_loss": [1.0, 0.8, 0.70, 0.75, 0.695, 0.5, 0.4, 0.3] } },
              "training": { "earlyStopping": { "metric": "val_loss", "patience": 2, "minDelta": 0.01 } }
            }
            """;
        var queued = await host.Experiments.QueueAsync(config, "patience.json");

        var done = await host.WaitForAsync(queued.ExperimentId!.Value, s => s.Status.IsFinished(), TimeSpan.FromMinutes(2));

        // Best 0.70 at epoch 2; epochs 3 (0.75) and 4 (0.695, less than minDelta better) are stale → stop after epoch 4.
        Assert.Equal(ExperimentStatus.Completed, done.Status);
        var final = done.FinalMetrics;
        Assert.Equal((4.0, 2.0, 0.70), (final["stopped_early_epoch"], final["selected_epoch"], final["best_val_loss"]));
        var points = await host.Experiments.GetMetricsAsync(done.Id);
        Assert.Equal(4, points.Where(p => p.Name == "val_loss").Max(p => p.Epoch));
    }

    [Fact]
    public async Task A_sweep_median_rule_stops_the_member_worse_than_the_median_and_marks_it_stopped_early()
    {
        using var data = TestPaths.NewTempDirectory("csol-median");
        await using var host = await PlatformHost.StartAsync(data.Path, settings: OneSlot);
        using var http = host.CreateClient();
        // Steps of 400 ms: the rule's verdict at step 3 reaches the job (it reports every 500 ms) long before step 12.
        // Members 1 and 2 share a good curve; member 3's best at epoch 2 (0.9) is worse than the median of the others there (0.6).
        const string sweep = """
            {
              "name": "median", "kind": "probe",
              "probe": { "steps": 12, "stepMilliseconds": 400 },
              "sweep": {
                "mode": "grid",
                "parameters": { "probe.curves": [
                  { "val_loss": [1.0, 0.8, 0.6, 0.5, 0.4, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3] },
                  { "val_loss": [1.0, 0.8, 0.6, 0.5, 0.4, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3] },
                  { "val_loss": [1.0, 0.95, 0.9, 0.88, 0.86, 0.85, 0.85, 0.85, 0.85, 0.85, 0.85, 0.85] } ] },
                "earlyStopping": { "metric": "val_loss", "warmupEpochs": 2, "rule": "median" }
              }
            }
            """;
        using var created = await http.PostAsJsonAsync("/api/sweeps", new { config = sweep, source = "median.json" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var ids = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("experiments").EnumerateArray()
            .Select(e => e.GetGuid()).ToArray();

        var members = new List<ExperimentSnapshot>();
        foreach (var id in ids)
            members.Add(await host.WaitForAsync(id, s => s.Status.IsFinished(), TimeSpan.FromMinutes(2)));

        Assert.Equal([ExperimentStatus.Completed, ExperimentStatus.Completed, ExperimentStatus.StoppedEarly], members.Select(m => m.Status));
        Assert.Null(members[2].Error);
        Assert.Contains("stopped early at epoch 2", members[2].StopReason);
        Assert.Contains("median 0.6 ", members[2].StopReason);
        var points = await host.Experiments.GetMetricsAsync(ids[2]);
        Assert.True(points.Max(p => p.Step) < 12, "the stopped member did not run to its last step");
    }

    [Fact]
    public async Task A_sweep_rule_on_a_metric_the_members_never_report_is_refused_and_queues_nothing()
    {
        using var data = TestPaths.NewTempDirectory("csol-median-bad");
        await using var host = await PlatformHost.StartAsync(data.Path, settings: OneSlot);
        using var http = host.CreateClient();
        const string sweep = """
            {
              "name": "bad", "kind": "probe",
              "probe": { "steps": 3, "curves": { "val_loss": [1, 0.5, 0.2] } },
              "sweep": { "parameters": { "seed": [1, 2] }, "earlyStopping": { "metric": "val_auc", "warmupEpochs": 1 } }
            }
            """;

        using var refused = await http.PostAsJsonAsync("/api/sweeps", new { config = sweep, source = "bad.json" });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        var message = errors.GetProperty("sweep.earlyStopping.metric")[0].GetString();
        Assert.Contains("\"val_auc\" is never reported", message);
        Assert.Contains("val_loss", message);
        Assert.Equal(0, (await http.GetFromJsonAsync<JsonElement>("/api/experiments")).GetArrayLength());
    }
}
