using System.Net.Http.Json;
using System.Text.Json;
using Csol.Tests.Support;
using Microsoft.Data.Sqlite;
using Xunit;

namespace Csol.Tests.Platform;

/// <summary>A real <c>csol serve</c> process killed with SIGKILL mid-training and started again on the same data.</summary>
[Trait("Category", "host")]
public sealed class CrashRecoveryTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const int StepsPerEpoch = 6; // TinyConfigs.Train: 48 clips in batches of 8
    private const int Epochs = 16; // long enough that the kill lands mid-training even on a loaded machine

    [Fact]
    public async Task A_killed_host_resumes_the_experiment_from_its_last_checkpoint_with_every_metric_point_once()
    {
        using var data = TestPaths.NewTempDirectory("csol-crash");
        string[] settings = ["--Csol:Scheduler:Host=crash", "--Csol:Jobs:QueuePollIntervalSeconds=0.2"];
        Guid id;
        int checkpointStep;
        using (var first = await CsolProcess.StartServerAsync(data.Path, settings))
        {
            using var http = new HttpClient { BaseAddress = new Uri(first.Url) };
            var created = await http.PostAsJsonAsync("/api/experiments", new { config = TinyConfigs.Train(epochs: Epochs), source = "crash.json" });
            id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            var checkpoints = Path.Combine(data.Path, "runs", id.ToString("N"), "stage-one");

            // Kill once an epoch checkpoint exists and training has gone on past it.
            var until = DateTime.UtcNow.AddMinutes(2);
            while (true)
            {
                var manifests = Directory.Exists(checkpoints) ? Directory.GetFiles(checkpoints, "stage-one-e*.json") : [];
                var state = await http.GetFromJsonAsync<JsonElement>($"/api/experiments/{id}");
                var lastStep = state.GetProperty("lastStep").GetInt32();
                // A run that finished before the kill would prove nothing (and retention would then have pruned the
                // manifests counted here): the test needs it still running.
                Assert.Contains(state.GetProperty("status").GetString(), new[] { "Queued", "Running" });
                if (manifests.Length >= 2 && lastStep > manifests.Length * StepsPerEpoch + 1 && lastStep < Epochs * StepsPerEpoch - StepsPerEpoch)
                    break;
                Assert.True(DateTime.UtcNow < until, $"no checkpoint after 2 minutes: {first.Output}");
                await Task.Delay(100);
            }
            first.KillHard();
            checkpointStep = Directory.GetFiles(checkpoints, "stage-one-e*.json").Length * StepsPerEpoch;
            output.WriteLine($"killed after the checkpoint at step {checkpointStep}");
        }

        using var second = await CsolProcess.StartServerAsync(data.Path, settings);
        using var client = new HttpClient { BaseAddress = new Uri(second.Url) };
        JsonElement done;
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while ((done = await client.GetFromJsonAsync<JsonElement>($"/api/experiments/{id}")).GetProperty("status").GetString() is "Queued" or "Running")
        {
            Assert.True(DateTime.UtcNow < deadline, $"not finished after the restart: {done}");
            await Task.Delay(250);
        }

        Assert.Equal("Completed", done.GetProperty("status").GetString());
        var total = done.GetProperty("totalSteps").GetInt32();
        Assert.Equal(Epochs * StepsPerEpoch, total);
        Assert.Equal(2, done.GetProperty("attempts").GetInt32());
        // The resume as the step job logged it, from the checkpoint it found.
        var log = (await client.GetFromJsonAsync<JsonElement>($"/api/experiments/{id}/log")).EnumerateArray()
            .Select(l => l.GetProperty("message").GetString()!).ToList();
        output.WriteLine(string.Join(" | ", log));
        var resumedLine = Assert.Single(log, l => l.StartsWith("stage-one attempt", StringComparison.Ordinal) && l.Contains("resumed from step"));
        var resumed = int.Parse(resumedLine[(resumedLine.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(resumed >= checkpointStep, $"resumed from step {resumed}, before the checkpoint at {checkpointStep}: {string.Join(" | ", log)}");
        Assert.Equal(0, resumed % StepsPerEpoch);
        Assert.Equal("crash/cpu0", done.GetProperty("device").GetString());

        var points = (await client.GetFromJsonAsync<JsonElement>($"/api/experiments/{id}/metrics")).EnumerateArray()
            .Select(p => (Step: p.GetProperty("step").GetInt32(), Name: p.GetProperty("name").GetString()!)).ToList();
        Assert.Equal(points.Count, points.Distinct().Count()); // no duplicate (step, name)
        Assert.Equal(Enumerable.Range(1, total), points.Where(p => p.Name == "loss").Select(p => p.Step)); // none lost
        Assert.Equal(Epochs, points.Count(p => p.Name == "val_iou@0.5")); // one validation per epoch, finished epochs not re-run

        // The killed process's job is not left "Processing" in Hangfire (its dashboard would show a ghost run until the
        // storage's invisibility timeout, ~30 min): deleted at the restart. (The last job turns Succeeded just after the
        // experiment completes, hence the short wait.)
        var states = JobStates(data.Path);
        for (var wait = DateTime.UtcNow.AddSeconds(10); states.ContainsKey("Processing") && DateTime.UtcNow < wait; states = JobStates(data.Path))
            await Task.Delay(200);
        Assert.False(states.ContainsKey("Processing"), string.Join(", ", states));
        Assert.Equal(1, states.GetValueOrDefault("Deleted"));
    }

    private static Dictionary<string, long> JobStates(string dataPath)
    {
        using var jobs = new SqliteConnection($"Data Source={Path.Combine(dataPath, "hangfire.db")};Mode=ReadOnly;Pooling=False");
        jobs.Open();
        using var query = jobs.CreateCommand();
        query.CommandText = "SELECT StateName, COUNT(*) FROM Job GROUP BY StateName";
        var states = new Dictionary<string, long>();
        using var reader = query.ExecuteReader();
        while (reader.Read())
            states[reader.GetString(0)] = reader.GetInt64(1);
        return states;
    }
}
