using Csol.Abstractions;
using Csol.Grains.Results;
using Csol.Silo.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Csol.Tests.Grains;

/// <summary>The checkpoint, dataset and leaderboard grains on a real silo with SQLite storage.</summary>
[Trait("Category", "cluster")]
public sealed class ResultGrainsTests(PlatformClusterFixture fixture) : IClassFixture<PlatformClusterFixture>
{
    private IGrainFactory Grains => fixture.Cluster.GrainFactory;

    private IServiceProvider Silo => fixture.Cluster.GetSiloServiceProvider();

    private static CheckpointInfo Checkpoint(Guid experiment, int epoch) => new()
    {
        Id = Guid.NewGuid(),
        ExperimentId = experiment,
        ExperimentName = "grains",
        Stage = "stage-one",
        Epoch = epoch,
        Path = $"runs/x/stage-one/stage-one-e{epoch:000}.ckpt",
        Sha256 = "ab",
        SizeBytes = 10,
        Metrics = new Dictionary<string, double> { ["val_iou@0.5"] = epoch / 10.0 },
        CreatedAt = DateTimeOffset.UnixEpoch.AddDays(epoch),
    };

    private static LeaderboardEntry Entry(Guid experiment, double iou, params (string Class, double Value)[] perClass) => new(
        experiment, $"e-{iou}", Guid.NewGuid(), new Dictionary<string, double> { ["val_ciou@0.3"] = iou, ["val_auc"] = 0.5, ["val_nsa"] = 0.7 },
        perClass.ToDictionary(p => p.Class, p => p.Value), DateTimeOffset.UtcNow, null);

    private SqliteConnection OpenDatabase()
    {
        var connection = new SqliteConnection(PersistenceExtensions.ConnectionString(Path.Combine(fixture.DataDirectory, "csol.db")));
        connection.Open();
        return connection;
    }

    [Fact]
    public async Task A_checkpoint_is_registered_tagged_once_and_marked_deleted_and_its_record_follows()
    {
        var experiment = Guid.NewGuid();
        var info = Checkpoint(experiment, 3);
        var grain = Grains.GetGrain<ICheckpointGrain>(info.Id);
        Assert.Null(await grain.GetAsync());
        await Assert.ThrowsAsync<KeyNotFoundException>(() => grain.TagAsync("best"));

        await grain.RegisterAsync(info);
        await grain.TagAsync("best");
        await grain.TagAsync(" best ");
        var again = await grain.RegisterAsync(info with { SizeBytes = 11 }); // re-filing keeps the platform's tags
        var deleted = await grain.MarkDeletedAsync();

        Assert.Equal(["best"], again.Tags);
        Assert.Equal(11, again.SizeBytes);
        Assert.True(deleted.Deleted);
        var records = Silo.GetRequiredService<ICheckpointRecords>();
        Assert.Empty(await records.ListAsync(experiment, includeDeleted: false));
        var stored = Assert.Single(await records.ListAsync(experiment, includeDeleted: true));
        Assert.Equal((info.Id, true, 11L), (stored.Id, stored.Deleted, stored.SizeBytes));
        Assert.Equal(["best"], stored.Tags);
        Assert.Equal(0.3, stored.Metrics["val_iou@0.5"]);
    }

    [Fact]
    public async Task A_dataset_keeps_its_registration_time_and_users_across_refreshes()
    {
        var id = "d" + Guid.NewGuid().ToString("N")[..15];
        var grain = Grains.GetGrain<IDatasetGrain>(id);
        var first =
            await grain.RegisterAsync(
                new DatasetInfo { Id = id, Name = "clipart", Path = "clipart", ContentHash = id + "00", RegisteredAt = DateTimeOffset.UnixEpoch });
        var user = Guid.NewGuid();

        await grain.AddUserAsync(user);
        await grain.AddUserAsync(user);
        var refreshed = await grain.RegisterAsync(first with { Name = "", Videos = 8, RegisteredAt = DateTimeOffset.UtcNow, UsedBy = [] });

        Assert.Equal([user], refreshed.UsedBy);
        Assert.Equal(DateTimeOffset.UnixEpoch, refreshed.RegisteredAt);
        Assert.Equal(("clipart", 8), (refreshed.Name, refreshed.Videos));
        await Assert.ThrowsAsync<ArgumentException>(() => grain.RegisterAsync(first with { Id = "other" }));
        var listed = (await Silo.GetRequiredService<IDatasetRecords>().ListAsync()).Single(d => d.Id == id);
        Assert.Equal([user], listed.UsedBy);
    }

    [Fact]
    public async Task A_leaderboard_ranks_best_first_keeps_each_experiments_best_and_collects_class_columns()
    {
        var key = new LeaderboardKey("b" + Guid.NewGuid().ToString("N")[..15], LeaderboardKey.MultiSource);
        var board = Grains.GetGrain<ILeaderboardGrain>(key.ToString());
        var (a, b, c) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        Assert.Null(await board.GetAsync());

        Assert.True(await board.SubmitAsync(Entry(a, 0.4, ("cello", 0.5)), "clipart"));
        Assert.True(await board.SubmitAsync(Entry(b, 0.6, ("flute", 0.2)), "clipart"));
        Assert.True(await board.SubmitAsync(Entry(c, 0.1), "clipart"));
        Assert.False(await board.SubmitAsync(Entry(b, 0.3), "clipart")); // worse than b's own entry: ignored
        Assert.True(await board.SubmitAsync(Entry(c, 0.5), "clipart"));  // better: replaces c's entry

        var shown = await board.GetAsync();
        Assert.NotNull(shown);
        Assert.Equal([b, c, a], shown.Entries.Select(e => e.ExperimentId));
        Assert.Equal([0.6, 0.5, 0.4], shown.Entries.Select(e => e.Metrics["val_ciou@0.3"]));
        Assert.Equal(["val_ciou@0.3", "val_auc", "val_nsa"], shown.MetricColumns);
        Assert.Equal(["cello", "flute"], shown.ClassColumns);
        Assert.Equal("clipart", shown.DatasetName);
        Assert.Equal([b], (await board.GetAsync(top: 1))!.Entries.Select(e => e.ExperimentId));

        // Stored as one row per experiment; the grain's own state holds no entries.
        var store = Silo.GetRequiredService<ILeaderboardEntryStore>();
        var rows = await store.LoadAsync(key);
        Assert.Equal(3, rows.Count);
        Assert.Equal(0.5, rows.Single(r => r.ExperimentId == c).Metrics["val_ciou@0.3"]);
        Assert.Contains(key, await store.ListKeysAsync());
        using var db = OpenDatabase();
        using var command = db.CreateCommand();
        command.CommandText = "SELECT length(Payload) FROM grain_state WHERE StateName = 'leaderboard' AND GrainId LIKE $id";
        command.Parameters.AddWithValue("$id", $"%{key}%");
        Assert.InRange(Convert.ToInt64(command.ExecuteScalar()), 1, 200);
    }

    [Fact]
    public void Leaderboard_tasks_take_the_runners_metric_names()
    {
        var metrics = new Dictionary<string, double>
        {
            ["val_ciou@0.3"] = 0.4, ["val_ciou@0.5"] = 0.2, ["val_auc"] = 0.3, ["val_nsa"] = 0.8, ["val_ciou_circle"] = 0.6,
            ["baseline_random_ciou@0.3"] = 0.1,
        };

        var multi = LeaderboardTasks.Extract(LeaderboardKey.MultiSource, metrics);
        var single = LeaderboardTasks.Extract(LeaderboardKey.SingleSource, metrics);

        Assert.NotNull(multi);
        Assert.Equal(["val_ciou@0.3", "val_auc", "val_nsa"], multi.Value.Metrics.Keys);
        Assert.Equal(new Dictionary<string, double> { ["circle"] = 0.6 }, multi.Value.PerClass);
        Assert.Null(single); // no val_iou@0.5: nothing to rank on
        Assert.Equal(LeaderboardKey.SingleSource, LeaderboardTasks.ForKind("stage-one"));
        Assert.Equal(LeaderboardKey.MultiSource, LeaderboardTasks.ForKind("pipeline"));
    }
}
