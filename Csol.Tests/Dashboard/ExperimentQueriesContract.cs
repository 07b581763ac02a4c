using Csol.Abstractions;
using Csol.Abstractions.Services;
using Csol.Silo.Persistence;
using Csol.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Csol.Tests.Dashboard;

/// <summary>The experiments table's pages as a database serves them (a real one, its provider's migrations applied),
/// and the in-memory fake the component tests use, on the same rows: both must give the same answers. Each provider
/// translates the filters and orderings its own way (case folding, the id as text, the status CASE), hence a subclass
/// per provider: <see cref="ExperimentQueriesTests"/> (SQLite) and <c>PostgresExperimentQueriesTests</c>.</summary>
public abstract class ExperimentQueriesContract : IAsyncLifetime
{
    private EfExperimentQueries _database = null!;
    private InMemoryExperimentQueries _memory = null!;

    private static readonly ExperimentSnapshot[] Snapshots =
    [
        Snapshot("lr-0.01", 1, group: "lr-sweep", iou: 0.2, kind: "stage-one"),
        Snapshot("lr-0.001", 2, group: "lr-sweep", iou: 0.4, dataset: "abc123", kind: "pipeline"),
        Snapshot("quick", 3, ExperimentStatus.Failed, kind: "probe"),
        Snapshot("big", 4, ExperimentStatus.Queued, priority: 5),
        Snapshot("gone", 5, ExperimentStatus.Deleted),
    ];

    /// <summary>A new empty database of the provider, its migrations applied.</summary>
    protected abstract Task<IDbContextFactory<CsolDbContext>> CreateDatabaseAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    public async Task InitializeAsync()
    {
        var factory = await CreateDatabaseAsync();
        var records = new EfExperimentRecords(factory, TimeProvider.System);
        var fake = new FakeExperimentService();
        foreach (var snapshot in Snapshots)
        {
            await records.UpsertAsync(snapshot);
            fake.Snapshots.Add(snapshot);
        }
        _database = new EfExperimentQueries(factory);
        _memory = new InMemoryExperimentQueries(fake);
    }

    public static TheoryData<string> Stores => ["database", "memory"];

    [Theory, MemberData(nameof(Stores))]
    public async Task Search_matches_name_group_stage_dataset_and_id_prefix_case_insensitively_with_every_term(string store)
    {
        Assert.Equal(["lr-0.01", "lr-0.001"], await NamesAsync(store, new() { Search = "LR-SWEEP" }));
        Assert.Equal(["lr-0.001"], await NamesAsync(store, new() { Search = "abc1" }));
        Assert.Equal(["lr-0.001"], await NamesAsync(store, new() { Search = "sweep 0.001" }));
        Assert.Equal(["quick"], await NamesAsync(store, new() { Search = "probe" }));
        Assert.Equal(["big"], await NamesAsync(store, new() { Search = Snapshots[3].Id.ToString()[..8].ToUpperInvariant() }));
        Assert.Empty(await NamesAsync(store, new() { Search = "nothing" }));
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task Deleted_rows_show_only_when_the_status_filter_asks_for_them(string store)
    {
        Assert.Equal(["lr-0.01", "lr-0.001", "quick", "big"], await NamesAsync(store, new()));
        Assert.Equal(["gone"], await NamesAsync(store, new() { Status = ExperimentStatus.Deleted }));
        Assert.Equal(["quick"], await NamesAsync(store, new() { Status = ExperimentStatus.Failed }));
        Assert.Equal(["lr-0.01", "lr-0.001"], await NamesAsync(store, new() { Group = "lr-sweep" }));
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task Sorting_by_each_column_with_runs_lacking_the_metric_last_either_way(string store)
    {
        Assert.Equal(["big", "lr-0.001", "lr-0.01", "quick"], await NamesAsync(store, new() { SortBy = ExperimentSortKey.Name, Descending = false }));
        Assert.Equal("big", (await NamesAsync(store, new() { SortBy = ExperimentSortKey.Priority }))[0]);
        Assert.Equal(["lr-0.001", "lr-0.01", "quick", "big"], await NamesAsync(store, new() { SortBy = ExperimentSortKey.Metric }));
        Assert.Equal(["lr-0.01", "lr-0.001", "quick", "big"],
            await NamesAsync(store, new() { SortBy = ExperimentSortKey.Metric, Descending = false }));
        Assert.Equal(["big", "lr-0.001", "quick", "lr-0.01"],
            await NamesAsync(store, new() { SortBy = ExperimentSortKey.Stage, Descending = false }));
        // Status sorts by the enum's order (Queued before Completed before Failed), not by the stored names.
        Assert.Equal(["big", "lr-0.01", "lr-0.001", "quick"],
            await NamesAsync(store, new() { SortBy = ExperimentSortKey.Status, Descending = false }));
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task Groups_come_first_and_pages_are_cut_after_ordering_with_the_totals(string store)
    {
        var first = await QueryAsync(store, new() { GroupsFirst = true, SortBy = ExperimentSortKey.Name, Descending = false, Take = 3 });
        var second = await QueryAsync(store, new() { GroupsFirst = true, SortBy = ExperimentSortKey.Name, Descending = false, Skip = 3, Take = 3 });

        Assert.Equal(["lr-0.001", "lr-0.01", "big"], first.Rows.Select(r => r.Name));
        Assert.Equal(["quick"], second.Rows.Select(r => r.Name));
        Assert.Equal((4, 5), (first.Total, first.Stored));
    }

    private Task<ExperimentPage> QueryAsync(string store, ExperimentListQuery query) =>
        store == "database" ? _database.QueryAsync(query) : _memory.QueryAsync(query);

    private async Task<string[]> NamesAsync(string store, ExperimentListQuery query) =>
        (await QueryAsync(store, query)).Rows.Select(r => r.Name).ToArray();

    private static ExperimentSnapshot Snapshot(string name, int minutesAgo, ExperimentStatus status = ExperimentStatus.Completed,
        string? group = null, double? iou = null, int priority = 0, string? dataset = null, string? kind = null) =>
        FakeExperimentService.Snapshot(name, minutesAgo, status, group,
            iou is { } v ? new Dictionary<string, double> { ["val_iou@0.5"] = v } : null) with
        {
            Priority = priority,
            DatasetId = dataset,
            Kind = kind,
        };
}
