using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Csol.Abstractions;
using Csol.Abstractions.Services;
using Csol.Learning.Experiments;
using Csol.Tests.Learning.StageTwo;
using Csol.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Csol.Tests.Api;

/// <summary>Checkpoints, retention, leaderboards, the webhook and sweeps against the real server.</summary>
[Trait("Category", "host")]
public sealed class ResultsApiTests
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task A_finished_run_keeps_exactly_its_two_best_checkpoints_and_the_latest_reaches_its_leaderboard_and_calls_the_webhook()
    {
        using var data = TestPaths.NewTempDirectory("csol-results");
        using var webhook = new WebhookListener();
        await using var host = await PlatformHost.StartAsync(data.Path, settings: new Dictionary<string, string?>
        {
            ["Csol:Notifications:WebhookUrl"] = webhook.Url,
            ["Csol:Checkpoints:KeepBest"] = "2",
        });
        using var http = host.CreateClient();

        var created = await http.PostAsJsonAsync("/api/experiments", new { config = TinyConfigs.Train(epochs: 5), source = "tiny.json" });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var done = await host.WaitForAsync(id, s => s.Status.ToString() is "Completed" or "Failed", RunTimeout);
        Assert.Equal("Completed", done.Status.ToString());

        // Retention: the expected survivors are worked out here from the records' own metrics.
        var all = (await http.GetFromJsonAsync<JsonElement>($"/api/checkpoints?experiment={id}&includeDeleted=true")).EnumerateArray().ToArray();
        Assert.Equal(5, all.Length);
        static double Iou(JsonElement c) => c.GetProperty("metrics").GetProperty("val_iou@0.5").GetDouble();
        static int Epoch(JsonElement c) => c.GetProperty("epoch").GetInt32();
        // The two best, the latest, and the epoch model selection chose on validation (the one the test figures come from).
        var runFolder = Path.Combine(data.Path, "runs", id.ToString("N"), "stage-one");
        var selectedEpoch = (int)done.FinalMetrics["selected_epoch"];
        var expected = all.OrderByDescending(Iou).ThenByDescending(Epoch).Take(2).Select(Epoch).Append(4).Append(selectedEpoch)
            .Distinct().Order().ToArray();
        var onDisk = Directory.GetFiles(runFolder, "*.ckpt").Select(Path.GetFileName).Order().ToArray();
        Assert.Equal(expected.Select(e => $"stage-one-e{e:000}.ckpt"), onDisk);
        Assert.Equal(expected.Length, Directory.GetFiles(runFolder, "stage-one-e*.json").Length); // manifests go with their files
        Assert.All(all, c => Assert.Equal(!expected.Contains(Epoch(c)), c.GetProperty("deleted").GetBoolean()));
        var kept = (await http.GetFromJsonAsync<JsonElement>($"/api/checkpoints?experiment={id}")).EnumerateArray().ToArray();
        Assert.Equal(expected, kept.Select(Epoch).Order());
        Assert.All(kept, c => Assert.True(File.Exists(Path.Combine(data.Path, c.GetProperty("path").GetString()!))));

        // Lineage and the leaderboard of (dataset, single-source): the test figures, scored once at the epoch chosen on
        // validation, linked to that epoch's checkpoint (retention keeps it).
        var datasetId = done.DatasetId;
        Assert.NotNull(datasetId);
        var boards = await http.GetFromJsonAsync<JsonElement>("/api/leaderboards");
        Assert.Contains(boards.EnumerateArray(),
            b => b.GetProperty("datasetId").GetString() == datasetId && b.GetProperty("task").GetString() == "single-source");
        var board = await http.GetFromJsonAsync<JsonElement>($"/api/leaderboards/{datasetId}/single-source");
        var entry = Assert.Single(board.GetProperty("entries").EnumerateArray());
        var best = kept.OrderByDescending(Iou).ThenByDescending(Epoch).First();
        Assert.Equal(id, entry.GetProperty("experimentId").GetGuid());
        var selected = Assert.Single(kept, c => Epoch(c) == selectedEpoch);
        Assert.Equal(selected.GetProperty("id").GetGuid(), entry.GetProperty("checkpointId").GetGuid());
        Assert.Equal(done.FinalMetrics["test_iou@0.5"], entry.GetProperty("metrics").GetProperty("val_iou@0.5").GetDouble());
        Assert.Equal(["val_iou@0.5", "val_auc"], board.GetProperty("metricColumns").EnumerateArray().Select(c => c.GetString()));
        var dataset = await http.GetFromJsonAsync<JsonElement>($"/api/datasets/{datasetId}");
        Assert.Contains(id, dataset.GetProperty("usedBy").EnumerateArray().Select(u => u.GetGuid()));

        // The webhook got one POST for the finished experiment.
        var notice = await webhook.NextAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(id, notice.GetProperty("id").GetGuid());
        Assert.Equal("Completed", notice.GetProperty("status").GetString());
        Assert.Equal("tiny", notice.GetProperty("name").GetString());
        Assert.True(notice.GetProperty("metrics").TryGetProperty("val_iou@0.5", out _));
        Assert.Equal(datasetId, notice.GetProperty("datasetId").GetString());

        // Tags, and 404s for what does not exist.
        var tagged = await http.PostAsJsonAsync($"/api/checkpoints/{best.GetProperty("id").GetGuid()}/tags", new { tag = "paper" });
        Assert.Equal(HttpStatusCode.OK, tagged.StatusCode);
        Assert.Equal(["paper"],
            (await tagged.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsJsonAsync($"/api/checkpoints/{Guid.NewGuid()}/tags", new { tag = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/api/leaderboards/{datasetId}/multi-source")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/api/leaderboards/{datasetId}/no-such-task")).StatusCode);

        var openApi = (await http.GetFromJsonAsync<JsonElement>("/openapi/v1.json")).GetProperty("paths");
        foreach (var path in new[] { "/api/leaderboards/{datasetId}/{task}", "/api/checkpoints", "/api/sweeps", "/api/datasets/{id}/samples" })
            Assert.True(openApi.TryGetProperty(path, out _), path);

        // The CLI verbs read the same.
        var (boardExit, boardOutput) = await host.RunCliAsync("leaderboard", datasetId, "single-source");
        var (listExit, listOutput) = await host.RunCliAsync("checkpoints", "--experiment", id.ToString(), "--all");
        Assert.Equal(0, boardExit);
        Assert.Contains("tiny", boardOutput);
        Assert.Contains(selected.GetProperty("id").GetGuid().ToString(), boardOutput);
        Assert.Equal(0, listExit);
        Assert.Contains("(deleted)", listOutput);
        Assert.Contains("paper", listOutput);
    }

    [Fact]
    public async Task A_sweep_queues_each_expanded_experiment_in_its_group_onto_one_leaderboard_and_a_bad_sweep_queues_nothing()
    {
        using var data = TestPaths.NewTempDirectory("csol-sweep");
        await using var host = await PlatformHost.StartAsync(data.Path);
        using var http = host.CreateClient();
        var config = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(TinyConfigs.Train(epochs: 1))!;
        string SweepJson(string parameters)
        {
            var sweep = new Dictionary<string, object>(config.ToDictionary(kv => kv.Key, kv => (object)kv.Value))
            {
                ["sweep"] = JsonDocument.Parse($$"""{ "mode": "grid", "parameters": {{parameters}} }""").RootElement,
            };
            return JsonSerializer.Serialize(sweep);
        }
        var badFile = Path.Combine(data.Path, "bad-sweep.json");
        await File.WriteAllTextAsync(badFile, SweepJson("""{ "training.learnRate": [0.1], "seed": [] }"""));

        var (badExit, badOutput) = await host.RunCliAsync("sweep", badFile);
        var refused =
            await http.PostAsJsonAsync("/api/sweeps",
                new { config = SweepJson("""{ "seed": [1, 2], "training.epochs": [1, 0] }"""), source = "s.json" });
        Assert.Equal(2, badExit);
        Assert.Contains("sweep.parameters.training.learnRate: unknown config field", badOutput);
        Assert.Contains("sweep.parameters.seed: expected at least one value", badOutput);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True((await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("training.epochs", out _));
        Assert.Empty(await host.Experiments.ListAsync());

        var created = await http.PostAsJsonAsync("/api/sweeps", new { config = SweepJson("""{ "seed": [1, 2] }"""), source = "tiny-sweep.json" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var sweep = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("tiny", sweep.GetProperty("group").GetString());
        var ids = sweep.GetProperty("experiments").EnumerateArray().Select(e => e.GetGuid()).ToArray();
        Assert.Equal(2, ids.Length);
        var finished = new List<Csol.Abstractions.ExperimentSnapshot>();
        foreach (var id in ids)
            finished.Add(await host.WaitForAsync(id, s => s.Status.ToString() is "Completed" or "Failed", RunTimeout));

        Assert.Equal(["tiny-1", "tiny-2"], finished.Select(s => s.Name));
        Assert.All(finished, s => Assert.Equal(("Completed", "tiny"), (s.Status.ToString(), s.Group)));
        Assert.Single(finished.Select(s => s.DatasetId).Distinct()); // seeds do not change the procedural dataset
        var board = await http.GetFromJsonAsync<JsonElement>($"/api/leaderboards/{finished[0].DatasetId}/single-source");
        var entries = board.GetProperty("entries").EnumerateArray().ToArray();
        Assert.Equal(ids.Order(), entries.Select(e => e.GetProperty("experimentId").GetGuid()).Order());
        Assert.Single(entries.Select(e => e.GetProperty("sweepId").GetGuid()).Distinct());
    }

    [Fact]
    public async Task A_pipeline_run_ranks_its_stage_two_checkpoint_on_the_multi_source_board_with_per_class_columns()
    {
        using var data = TestPaths.NewTempDirectory("csol-pipeline-results");
        await using var host =
            await PlatformHost.StartAsync(data.Path, settings: new Dictionary<string, string?> { ["Csol:Checkpoints:KeepBest"] = "1" });
        var tiny = StageTwoTinyConfigs.Pipeline(stageTwoEpochs: 1);
        var config = tiny with { Training = tiny.Training with { Epochs = 3, ValidateEveryEpoch = true, ClassPhaseFromEpoch = 2 } };

        var queued = await host.Experiments.QueueAsync(ExperimentConfigLoader.ToJson(config), "tiny-pipeline.json");
        var done = await host.WaitForAsync(queued.ExperimentId!.Value, s => s.Status.ToString() is "Completed" or "Failed", RunTimeout);

        Assert.Equal("Completed", done.Status.ToString());
        var checkpoints = host.Services.GetRequiredService<ICheckpointService>();
        var all = await checkpoints.ListAsync(done.Id, includeDeleted: true);
        var stageOne = all.Where(c => c.Stage == "stage-one").ToArray();
        var stageTwo = Assert.Single(all, c => c.Stage == "stage-two");
        Assert.Equal(3, stageOne.Length);
        var best = stageOne.OrderByDescending(c => c.Metrics["val_iou@0.5"]).ThenByDescending(c => c.Epoch).First();
        Assert.Equal(new[] { best.Epoch, 2 }.Distinct().Order(), stageOne.Where(c => !c.Deleted).Select(c => c.Epoch).Order());
        Assert.All(all, c => Assert.Equal(!c.Deleted, File.Exists(Path.Combine(data.Path, c.Path))));
        Assert.False(stageTwo.Deleted);

        var board =
            await host.Services.GetRequiredService<ILeaderboardService>().GetAsync(new LeaderboardKey(done.DatasetId!, LeaderboardKey.MultiSource));
        Assert.NotNull(board);
        var entry = Assert.Single(board.Entries);
        Assert.Equal(stageTwo.Id, entry.CheckpointId);
        Assert.Equal(done.FinalMetrics["val_ciou@0.3"], entry.Metrics["val_ciou@0.3"]);
        Assert.Equal(["val_ciou@0.3", "val_auc", "val_nsa"],
            entry.Metrics.Keys.Order(StringComparer.Ordinal).OrderBy(k => k == "val_ciou@0.3" ? 0 : k == "val_auc" ? 1 : 2));
        var perClass =
            done.FinalMetrics.Keys.Where(k => k.StartsWith("val_ciou_", StringComparison.Ordinal)).Select(k => k["val_ciou_".Length..]).Order()
            .ToArray();
        Assert.NotEmpty(perClass);
        Assert.Equal(perClass, board.ClassColumns);
        Assert.Equal(perClass, entry.PerClass.Keys.Order());
    }

    [Fact]
    public async Task An_unreachable_webhook_is_logged_and_the_experiment_still_completes()
    {
        using var data = TestPaths.NewTempDirectory("csol-webhook-down");
        await using var host = await PlatformHost.StartAsync(data.Path, settings: new Dictionary<string, string?>
        {
            ["Csol:Notifications:WebhookUrl"] = $"http://127.0.0.1:{TestPaths.FreePort()}/nobody",
        });

        var queued = await host.Experiments.QueueAsync(TinyConfigs.Train(epochs: 1), "tiny.json");
        var done = await host.WaitForAsync(queued.ExperimentId!.Value, s => s.Status.ToString() is "Completed" or "Failed", RunTimeout);

        Assert.Equal("Completed", done.Status.ToString());
        Assert.NotNull(done.DatasetId);
    }
}
