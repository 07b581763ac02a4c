using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Csol.Tests.Support;
using Microsoft.Data.Sqlite;
using Xunit;

namespace Csol.Tests.Platform;

/// <summary>Mid-training SIGKILLs on real processes: the step's <c>csol step</c> child (the server retries the attempt),
/// and the <c>csol serve</c> host itself (started again on the same data; its orphaned child stops by itself).</summary>
[Trait("Category", "host")]
public sealed class CrashRecoveryTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const int StepsPerEpoch = 6; // TinyConfigs.Train: 48 clips in batches of 8
    // Long enough that the kill lands mid-training (after two checkpoints, before the last epoch) on a quiet machine too:
    // at 10 epochs a clean-clone run finished before the kill.
    private const int Epochs = 24;

    [Fact]
    public async Task A_killed_host_resumes_the_experiment_from_its_last_checkpoint_with_every_metric_point_once()
    {
        using var data = TestPaths.NewTempDirectory("csol-crash");
        string[] settings = ["--Csol:Scheduler:Host=crash", "--Csol:Jobs:QueuePollIntervalSeconds=0.2"];
        Guid id;
        int checkpointStep, child;
        using (var first = await CsolProcess.StartServerAsync(data.Path, settings))
        {
            using var http = first.CreateClient();
            id = await QueueTrainingAsync(http);
            await WaitPastSecondCheckpointAsync(http, data.Path, id, first);
            child = StepChildren.PidFromLog(await LogAsync(http, id), "stage-one")!.Value;
            first.KillHard();
            checkpointStep = CheckpointStep(data.Path, id);
            output.WriteLine($"killed the host after the checkpoint at step {checkpointStep}");
        }
        // Its child noticed the channel close and stopped: nothing trains on as an orphan holding the device.
        Assert.True(await StepChildren.WaitGoneAsync(child, TimeSpan.FromSeconds(20)), $"child {child} outlived its host");

        using var second = await CsolProcess.StartServerAsync(data.Path, settings);
        using var client = second.CreateClient();
        JsonElement done;
        var deadline = DateTime.UtcNow.AddMinutes(6);
        while (
            (done = await client.GetFromJsonAsync<JsonElement>($"/api/experiments/{id}")).GetProperty("status").GetString() is "Queued" or "Running")
        {
            Assert.True(DateTime.UtcNow < deadline, $"not finished after the restart: {done}");
            await Task.Delay(250);
        }

        await AssertResumedWithEveryPointOnceAsync(client, id, done, checkpointStep);

        // The killed process's job is not left "Processing" in Hangfire (its dashboard would show a ghost run until the
        // storage's invisibility timeout, ~30 min): deleted at the restart. (The last job turns Succeeded just after the
        // experiment completes, hence the short wait.)
        var states = JobStates(data.Path);
        for (var wait = DateTime.UtcNow.AddSeconds(10); states.ContainsKey("Processing") && DateTime.UtcNow < wait; states = JobStates(data.Path))
            await Task.Delay(200);
        Assert.False(states.ContainsKey("Processing"), string.Join(", ", states));
        Assert.Equal(1, states.GetValueOrDefault("Deleted"));
    }

    [Fact]
    public async Task A_killed_child_fails_only_its_attempt_and_the_retry_resumes_from_its_last_checkpoint_with_every_metric_point_once()
    {
        using var data = TestPaths.NewTempDirectory("csol-child-crash");
        using var server = await CsolProcess.StartServerAsync(data.Path, "--Csol:Scheduler:Host=crash", "--Csol:Jobs:QueuePollIntervalSeconds=0.2");
        using var http = server.CreateClient();
        http.Timeout = TimeSpan.FromSeconds(10);
        var id = await QueueTrainingAsync(http);
        await WaitPastSecondCheckpointAsync(http, data.Path, id, server);
        var child = StepChildren.PidFromLog(await LogAsync(http, id), "stage-one")!.Value;
        Process.GetProcessById(child).Kill(); // SIGKILL, mid-epoch
        var checkpointStep = CheckpointStep(data.Path, id);
        output.WriteLine($"killed child {child} after the checkpoint at step {checkpointStep}");

        JsonElement done;
        for (var until = DateTime.UtcNow.AddMinutes(6); ; await Task.Delay(250))
        {
            Assert.True((await http.GetAsync("/healthz")).IsSuccessStatusCode); // the server serves throughout
            done = await http.GetFromJsonAsync<JsonElement>($"/api/experiments/{id}");
            if (done.GetProperty("status").GetString() is not ("Queued" or "Running"))
                break;
            Assert.True(DateTime.UtcNow < until, $"not finished after the child was killed: {done}");
        }

        Assert.False(server.Process.HasExited);
        await AssertResumedWithEveryPointOnceAsync(http, id, done, checkpointStep);
        var failed = done.GetProperty("attemptHistory")[0].GetProperty("error").GetString();
        Assert.Contains($"its process ({child}) was killed (signal 9, SIGKILL", failed);
        Assert.NotEqual(child, StepChildren.PidFromLog(await LogAsync(http, id), "stage-one", attempt: 2));
    }

    private static async Task<Guid> QueueTrainingAsync(HttpClient http)
    {
        var created = await http.PostAsJsonAsync("/api/experiments", new { config = TinyConfigs.Train(epochs: Epochs), source = "crash.json" });
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static string CheckpointFolder(string dataPath, Guid id) => Path.Combine(dataPath, "runs", id.ToString("N"), "stage-one");

    private static int CheckpointStep(string dataPath, Guid id)
        => Directory.GetFiles(CheckpointFolder(dataPath, id), "stage-one-e*.json").Length * StepsPerEpoch;

    /// <summary>Returns once two epoch checkpoints exist and training has gone on past the newest.</summary>
    private static async Task WaitPastSecondCheckpointAsync(HttpClient http, string dataPath, Guid id, ServerProcess server)
    {
        var checkpoints = CheckpointFolder(dataPath, id);
        for (var until = DateTime.UtcNow.AddMinutes(4); ; await Task.Delay(100))
        {
            var manifests = Directory.Exists(checkpoints) ? Directory.GetFiles(checkpoints, "stage-one-e*.json") : [];
            var state = await http.GetFromJsonAsync<JsonElement>($"/api/experiments/{id}");
            var lastStep = state.GetProperty("lastStep").GetInt32();
            // A run that finished before the kill would prove nothing (and retention would then have pruned the
            // manifests counted here): the test needs it still running.
            Assert.Contains(state.GetProperty("status").GetString(), new[] { "Queued", "Running" });
            // The grain's lastStep trails training by a report batch (500 ms), which on a quiet machine is several
            // epochs of this tiny run: ask only that it has seen the second checkpoint's steps.
            if (manifests.Length >= 2 && lastStep >= 2 * StepsPerEpoch && lastStep < Epochs * StepsPerEpoch - StepsPerEpoch)
                return;
            Assert.True(DateTime.UtcNow < until, $"no checkpoint after 4 minutes: {server.Output}");
        }
    }

    /// <summary>Completed in two attempts, the second resumed from an epoch checkpoint at or after the one seen before the
    /// kill, and every metric point recorded exactly once.</summary>
    private async Task AssertResumedWithEveryPointOnceAsync(HttpClient client, Guid id, JsonElement done, int checkpointStep)
    {
        Assert.Equal("Completed", done.GetProperty("status").GetString());
        var total = done.GetProperty("totalSteps").GetInt32();
        Assert.Equal(Epochs * StepsPerEpoch, total);
        Assert.Equal(2, done.GetProperty("attempts").GetInt32());
        // The resume as the step job logged it, from the checkpoint it found.
        var log = await LogAsync(client, id);
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
    }

    private static async Task<List<string>> LogAsync(HttpClient http, Guid id) =>
        (await http.GetFromJsonAsync<JsonElement>($"/api/experiments/{id}/log")).EnumerateArray().Select(l => l.GetProperty("message").GetString()!)
            .ToList();

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
