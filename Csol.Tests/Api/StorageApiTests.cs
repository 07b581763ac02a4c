using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Csol.Abstractions;
using Csol.Abstractions.Services;
using Csol.Learning.Checkpoints;
using Csol.Silo.Api;
using Csol.Silo.ExperimentResults;
using Csol.Silo.Storage;
using Csol.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Csol.Tests.Api;

/// <summary>Deleting experiments, disk use and <c>csol gc</c>'s endpoint against the real server and its files.</summary>
[Trait("Category", "host")]
public sealed class StorageApiTests
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(3);
    private static readonly JsonSerializerOptions Json =
        new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    [Fact]
    public async Task Deleting_a_finished_experiment_removes_its_files_and_keeps_its_records_marked_deleted()
    {
        using var data = TestPaths.NewTempDirectory("csol-delete");
        await using var host = await PlatformHost.StartAsync(data.Path);
        using var http = host.CreateClient();
        var id = (await host.Experiments.QueueAsync(TinyConfigs.Train(epochs: 3), "tiny.json")).ExperimentId!.Value;
        var done = await host.WaitForAsync(id, s => s.Status.IsFinished(), RunTimeout);
        Assert.Equal(ExperimentStatus.Completed, done.Status);
        var board = new LeaderboardKey(done.DatasetId!, LeaderboardKey.SingleSource);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/api/leaderboards/{board.DatasetId}/single-source")).StatusCode);
        var folder = Path.Combine(data.Path, "runs", id.ToString("N"));
        var before = DiskUsageWalk.Measure(folder);
        Assert.True(before.Files > 0);
        var storage = await http.GetFromJsonAsync<StorageView>("/api/storage", Json);
        Assert.Equal(before, storage!.Experiments[id]);

        var deleted = await http.DeleteAsync($"/api/experiments/{id}");

        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(before, (await deleted.Content.ReadFromJsonAsync<DeleteResult>(Json))!.Freed);
        Assert.False(Directory.Exists(folder));
        // The record stays, marked deleted: in the grain, in the experiments table, and in the API (when asked for).
        Assert.Equal(ExperimentStatus.Deleted, (await host.Experiments.GetAsync(id))!.Status);
        var row = Assert.Single(await host.Services.GetRequiredService<IExperimentRecords>().ListAsync(), r => r.Id == id);
        Assert.Equal(ExperimentStatus.Deleted, row.Status);
        Assert.DoesNotContain(await http.GetFromJsonAsync<ExperimentSummary[]>("/api/experiments", Json) ?? [], e => e.Id == id);
        Assert.Contains(await http.GetFromJsonAsync<ExperimentSummary[]>("/api/experiments?includeDeleted=true", Json) ?? [], e => e.Id == id);
        var checkpoints = await host.Services.GetRequiredService<ICheckpointRecords>().ListAsync(id, includeDeleted: true);
        Assert.NotEmpty(checkpoints);
        Assert.All(checkpoints, c => Assert.True(c.Deleted));
        // Its leaderboard entry is gone, from the grain and from the entry rows.
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/api/leaderboards/{board.DatasetId}/single-source")).StatusCode);
        Assert.Empty(await host.Services.GetRequiredService<ILeaderboardEntryStore>().LoadAsync(board));
        Assert.DoesNotContain(id, (await host.Services.GetRequiredService<IStorageService>().GetUsageAsync()).PerExperiment.Keys);
        Assert.Equal(HttpStatusCode.NotFound, (await http.DeleteAsync($"/api/experiments/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task Deleting_a_running_experiment_is_refused_until_it_is_cancelled()
    {
        using var data = TestPaths.NewTempDirectory("csol-delete-running");
        await using var host = await PlatformHost.StartAsync(data.Path);
        using var http = host.CreateClient();
        var id = (await host.Experiments.QueueAsync(TinyConfigs.Train(epochs: 200), "long.json")).ExperimentId!.Value;
        await host.WaitForAsync(id, s => s.Status == ExperimentStatus.Running && s.LastStep > 0, RunTimeout);

        var refused = await http.DeleteAsync($"/api/experiments/{id}");

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("is Running: cancel it first", await refused.Content.ReadAsStringAsync());
        Assert.Equal(ExperimentStatus.Running, (await host.Experiments.GetAsync(id))!.Status);
        Assert.True(Directory.Exists(Path.Combine(data.Path, "runs", id.ToString("N"))));

        await host.Experiments.CancelAsync(id);
        Assert.Equal(ExperimentStatus.Cancelled, (await host.WaitForAsync(id, s => s.Status.IsFinished(), TimeSpan.FromSeconds(30))).Status);
        Assert.Equal(HttpStatusCode.OK, (await http.DeleteAsync($"/api/experiments/{id}")).StatusCode);
        Assert.False(Directory.Exists(Path.Combine(data.Path, "runs", id.ToString("N"))));
    }

    [Fact]
    public async Task Gc_frees_exactly_the_checkpoints_retention_drops_and_the_folders_of_deleted_experiments()
    {
        using var data = TestPaths.NewTempDirectory("csol-gc");
        Guid id;
        // Written while every checkpoint was kept; a stricter retention then finds known extra files on disk.
        await using (
            var keepAll = await PlatformHost.StartAsync(data.Path,
                settings: new Dictionary<string, string?> { ["Csol:Checkpoints:KeepBest"] = "1000" }))
        {
            id = (await keepAll.Experiments.QueueAsync(TinyConfigs.Train(epochs: 5), "tiny.json")).ExperimentId!.Value;
            Assert.Equal(ExperimentStatus.Completed, (await keepAll.WaitForAsync(id, s => s.Status.IsFinished(), RunTimeout)).Status);
        }
        await using var host =
            await PlatformHost.StartAsync(data.Path, settings: new Dictionary<string, string?> { ["Csol:Checkpoints:KeepBest"] = "1" });
        using var http = host.CreateClient();
        var all = await host.Services.GetRequiredService<ICheckpointRecords>().ListAsync(id, includeDeleted: true);
        Assert.Equal(5, all.Count);
        // The best, the latest and the epoch model selection chose (stage-one/selection.json) stay.
        var selected = CheckpointRetention.SelectedEpoch(Path.Combine(data.Path, "runs", id.ToString("N")));
        Assert.NotNull(selected);
        var keep = CheckpointRetention.Keep(all, keepBest: 1, metric: null, selected);
        Assert.Contains(all, c => c.Epoch == selected && keep.Contains(c.Id));
        var extra = all.Where(c => !keep.Contains(c.Id)).Select(c => Path.Combine(data.Path, c.Path)).ToArray();
        Assert.InRange(extra.Length, 2, 4);
        var extraBytes = extra.Sum(f => new FileInfo(f).Length + new FileInfo(CheckpointFile.ManifestPath(f)).Length);
        // A deleted experiment whose files were left behind (a delete that died before removing them).
        var draft = (await host.Experiments.SaveDraftAsync(TinyConfigs.Train(epochs: 1), "draft.json")).ExperimentId!.Value;
        await host.Grains.GetGrain<IExperimentGrain>(draft).MarkDeletedAsync();
        var leftBehind = Path.Combine(data.Path, "runs", draft.ToString("N"));
        Directory.CreateDirectory(Path.Combine(leftBehind, "stage-one"));
        await File.WriteAllBytesAsync(Path.Combine(leftBehind, "stage-one", "junk.bin"), new byte[1000]);

        var dry = await PostGcAsync(http, dryRun: true);

        Assert.Equal(new DiskUsage(2 * extra.Length + 1, extraBytes + 1000), dry.Freed);
        Assert.All(extra, f => Assert.True(File.Exists(f)));
        Assert.True(Directory.Exists(leftBehind));

        var real = await PostGcAsync(http, dryRun: false);

        Assert.Equal(dry.Freed, real.Freed);
        Assert.Equal(extra.Select(f => Path.GetRelativePath(data.Path, f)).Order(),
            real.Items.Where(i => i.ExperimentId == id).Select(i => i.Path).Order());
        Assert.All(extra, f => Assert.False(File.Exists(f)));
        Assert.All(all.Where(c => keep.Contains(c.Id)), c => Assert.True(File.Exists(Path.Combine(data.Path, c.Path))));
        Assert.False(Directory.Exists(leftBehind));
        var after = await host.Services.GetRequiredService<ICheckpointRecords>().ListAsync(id, includeDeleted: true);
        Assert.All(after, c => Assert.Equal(!keep.Contains(c.Id), c.Deleted));
        Assert.Equal(DiskUsage.None, (await PostGcAsync(http, dryRun: false)).Freed); // nothing left to free
    }

    private static async Task<GcReport> PostGcAsync(HttpClient http, bool dryRun)
    {
        using var response = await http.PostAsync($"/api/storage/gc?dryRun={(dryRun ? "true" : "false")}", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<GcReport>(Json))!;
    }
}
