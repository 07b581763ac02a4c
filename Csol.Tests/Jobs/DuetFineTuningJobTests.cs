using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Csol.Abstractions;
using Csol.Abstractions.Services;
using Csol.Learning.Experiments;
using Csol.Silo.Jobs;
using Csol.Tests.Learning.Data.Clipart;
using Csol.Tests.Learning.StageTwo;
using Csol.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Csol.Tests.Jobs;

/// <summary>A pipeline with duet fine-tuning through the job system (real host, Hangfire on SQLite, Orleans, child
/// processes, TorchSharp on CPU) on a tiny MUSIC-Clipart build.</summary>
[Trait("Category", "host")]
public sealed class DuetFineTuningJobTests(TinyClipartBuild build) : IClassFixture<TinyClipartBuild>
{
    [Fact]
    public async Task A_queued_pipeline_with_a_duet_split_runs_the_duet_step_and_ranks_the_fine_tuned_checkpoint()
    {
        using var data = TestPaths.NewTempDirectory("csol-job-duet");
        await using var host = await PlatformHost.StartAsync(data.Path, settings: new Dictionary<string, string?>
        {
            ["Csol:DataRoots:0"] = Path.GetDirectoryName(build.Folder),
            ["Csol:DataRoots:1"] = data.Path,
        });
        var config = DuetFineTuningTests.Config(build.Folder);

        var queued = await host.Experiments.QueueAsync(ExperimentConfigLoader.ToJson(config), "duet.json");
        Assert.True(queued.Queued, string.Join("; ", queued.Errors));
        var done = await host.WaitForAsync(queued.ExperimentId!.Value, s => s.Status.IsFinished(), TimeSpan.FromMinutes(6));

        Assert.Equal(ExperimentStatus.Completed, done.Status);
        Assert.Null(done.Error);
        Assert.Equal(["preprocess", "stage-one", "matching", "stage-two", "duet", "evaluation"], new ExperimentSteps(config, data.Path).Names);
        foreach (var key in new[] { "duet_loss", "val_ciou@0.3", "val_auc" })
            Assert.True(done.FinalMetrics.ContainsKey(key), key);
        var points = await host.Experiments.GetMetricsAsync(done.Id);
        Assert.Equal(done.TotalSteps, points.Max(p => p.Step));

        var checkpoints = await host.Services.GetRequiredService<ICheckpointService>().ListAsync(done.Id);
        var duet = Assert.Single(checkpoints, c => c.Stage == "duet");
        Assert.EndsWith("duet.ckpt", duet.Path);
        var board = await host.Services.GetRequiredService<ILeaderboardService>()
            .GetAsync(new LeaderboardKey(done.DatasetId!, LeaderboardKey.MultiSource));
        Assert.NotNull(board);
        Assert.Equal(duet.Id, Assert.Single(board.Entries).CheckpointId);

        // Issue #15: the stage-two checkpoint, scored again on the duet frames as a queued evaluation of its own.
        var stageTwo = Assert.Single(checkpoints, c => c.Stage == "stage-two");
        using var http = host.CreateClient();
        using var response = await http.PostAsJsonAsync($"/api/checkpoints/{stageTwo.Id}/evaluate",
            new { dataset = done.DatasetId, split = "duettest.json" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var evaluation = await host.WaitForAsync(id, s => s.Status.IsFinished(), TimeSpan.FromMinutes(3));
        Assert.Null(evaluation.Error);
        Assert.Equal((ExperimentStatus.Completed, "evaluation", stageTwo.Id), (evaluation.Status, evaluation.Kind, evaluation.ParentCheckpointId));
        Assert.InRange(evaluation.FinalMetrics["val_ciou@0.3"], 0, 1);
        board = await host.Services.GetRequiredService<ILeaderboardService>()
            .GetAsync(new LeaderboardKey(done.DatasetId!, LeaderboardKey.MultiSource));
        Assert.Equal(stageTwo.Id, Assert.Single(board!.Entries, e => e.ExperimentId == id).CheckpointId);
    }
}
