using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Csol.Abstractions;
using Csol.Learning.Data.Manifest;
using Csol.Tests.Learning.Data.Clipart;
using Csol.Tests.Support;
using Xunit;

namespace Csol.Tests.Api;

/// <summary><c>POST /api/checkpoints/{id}/evaluate</c> and <c>csol evaluate</c> on the real host: a stage-one checkpoint
/// trained on a tiny MUSIC-Clipart build is scored on another split of it as a queued job (Hangfire, a child process), and
/// the result is an <c>evaluation</c> experiment on the dataset's board with the checkpoint as its parent. Bad requests
/// are refused with their reason, and nothing is queued.</summary>
[Trait("Category", "host")]
public sealed class EvaluateCheckpointApiTests(TinyClipartBuild build) : IClassFixture<TinyClipartBuild>
{
    private string MusicConfig => $$"""
        {
          "name": "tiny-music", "kind": "stage-one", "seed": 10, "device": "cpu",
          "data": { "source": "music", "root": {{JsonSerializer.Serialize(build.Folder)}}, "imageSize": 32, "loaderWorkers": 1 },
          "model": { "baseWidth": 4, "projectionDim": 8 },
          "training": { "epochs": 1, "batchSize": 4, "learningRate": 0.003, "useClassTask": false },
          "evaluation": { "relativeThreshold": 0.5 }
        }
        """;

    [Fact]
    public async Task A_checkpoint_evaluated_on_another_split_enters_the_board_with_its_parent_and_bad_requests_queue_nothing()
    {
        using var data = TestPaths.NewTempDirectory("csol-evaluate");
        await using var host = await PlatformHost.StartAsync(data.Path, settings: new Dictionary<string, string?>
        {
            ["Csol:DataRoots:0"] = data.Path,
            ["Csol:DataRoots:1"] = Path.GetDirectoryName(build.Folder),
        });
        using var http = host.CreateClient();
        var trained = await host.Experiments.QueueAsync(MusicConfig, "tiny-music.json");
        var run = await host.WaitForAsync(trained.ExperimentId!.Value, s => s.Status.IsFinished(), TimeSpan.FromMinutes(3));
        Assert.Equal(ExperimentStatus.Completed, run.Status);
        var datasetId = DatasetInspector.Inspect(build.Folder).ContentHash[..16];
        Assert.Equal(datasetId, run.DatasetId);
        var checkpoint = Assert.Single(await http.GetFromJsonAsync<CheckpointInfo[]>($"/api/checkpoints?experiment={run.Id}", Json) ?? []);
        var before = await CountAsync(http);

        // Refused, each with its reason, and nothing queued.
        await RefusedAsync(http, checkpoint.Id, new { dataset = datasetId, split = "duettest.json" }, "split", "multi-source");
        await RefusedAsync(http, checkpoint.Id, new { dataset = datasetId, split = "nope.json" }, "split", "missing from the dataset");
        await RefusedAsync(http, checkpoint.Id, new { dataset = "0123456789abcdef", split = "solotest.json" }, "dataset", "unknown dataset");
        using (var unknown = await http.PostAsJsonAsync($"/api/checkpoints/{Guid.NewGuid()}/evaluate", new { dataset = datasetId }))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
            Assert.Contains("no checkpoint", await unknown.Content.ReadAsStringAsync());
        }
        var (exit, output) = await host.RunCliAsync("evaluate", checkpoint.Id.ToString(), "--dataset", datasetId, "--split", "duettest.json");
        Assert.Equal(2, exit);
        Assert.Contains("stage-one checkpoint has no class-aware maps", output);
        Assert.Equal(before, await CountAsync(http));

        // The dialog's list: the solo splits can be scored, the duet one says why not.
        var splits = await http.GetFromJsonAsync<JsonElement>($"/api/checkpoints/{checkpoint.Id}/splits?dataset={datasetId}");
        var usable = splits.EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!, s => s.GetProperty("usable").GetBoolean());
        Assert.True(usable["solotest.json"] && usable["solotrain.json"]);
        Assert.False(usable["duettest.json"]);

        // Scored on the training videos' annotated frames (solotrain.json), a split its run was not scored on.
        using var response = await http.PostAsJsonAsync($"/api/checkpoints/{checkpoint.Id}/evaluate",
            new { dataset = datasetId, split = "solotrain.json" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var evaluation = await host.WaitForAsync(id, s => s.Status.IsFinished(), TimeSpan.FromMinutes(3));
        Assert.Equal((ExperimentStatus.Completed, "evaluation", checkpoint.Id, datasetId),
            (evaluation.Status, evaluation.Kind, evaluation.ParentCheckpointId, evaluation.DatasetId));
        Assert.InRange(evaluation.FinalMetrics["test_iou@0.5"], 0, 1);
        Assert.Contains("baseline_center_iou@0.5", evaluation.FinalMetrics.Keys);

        var board = await http.GetFromJsonAsync<Leaderboard>($"/api/leaderboards/{datasetId}/single-source", Json);
        var entry = Assert.Single(board!.Entries, e => e.ExperimentId == id);
        Assert.Equal(checkpoint.Id, entry.CheckpointId);
        Assert.Equal(evaluation.FinalMetrics["test_iou@0.5"], entry.Metrics["val_iou@0.5"]);
        Assert.NotEqual(board.Entries.Single(e => e.ExperimentId == run.Id).SeedGroup, entry.SeedGroup);
    }

    private static async Task RefusedAsync(HttpClient http, Guid checkpoint, object body, string field, string reason)
    {
        using var response = await http.PostAsJsonAsync($"/api/checkpoints/{checkpoint}/evaluate", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains(reason, errors.GetProperty(field)[0].GetString());
    }

    private static async Task<int> CountAsync(HttpClient http) =>
        (await http.GetFromJsonAsync<JsonElement>("/api/experiments")).GetArrayLength();

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };
}
