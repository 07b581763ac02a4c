using Bunit;
using Csol.Dashboard.Components.Experiments;
using Csol.Dashboard.Components.Pages;
using Csol.Abstractions;
using Csol.Abstractions.Services;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Csol.Tests.Dashboard;

[Trait("Category", "unit")]
public sealed class ExperimentTableTests
{
    private static ExperimentSummary Row(string name, int minutesAgo, ExperimentStatus status = ExperimentStatus.Completed, string? group = null,
        double? iou = null, int priority = 0, string? dataset = null) =>
        new(Guid.NewGuid(), name, status, new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero).AddMinutes(-minutesAgo), null, null,
            iou is { } v ? new Dictionary<string, double> { ["val_iou@0.5"] = v } : new Dictionary<string, double>())
        {
            Group = group, Priority = priority, DatasetId = dataset,
        };

    private static readonly ExperimentSummary[] Rows =
    [
        Row("lr-0.01", 1, group: "lr-sweep", iou: 0.2),
        Row("lr-0.001", 2, group: "lr-sweep", iou: 0.4, dataset: "abc123"),
        Row("quick", 3, ExperimentStatus.Failed),
        Row("big", 4, ExperimentStatus.Queued, priority: 5),
    ];

    [Fact]
    public void Search_matches_name_group_and_dataset_case_insensitively_with_every_term()
    {
        Assert.Equal(["lr-0.01", "lr-0.001"], new ExperimentQuery { Search = "LR-SWEEP" }.Apply(Rows).Select(r => r.Name));
        Assert.Equal(["lr-0.001"], new ExperimentQuery { Search = "abc1" }.Apply(Rows).Select(r => r.Name));
        Assert.Equal(["lr-0.001"], new ExperimentQuery { Search = "sweep 0.001" }.Apply(Rows).Select(r => r.Name));
        Assert.Empty(new ExperimentQuery { Search = "nothing" }.Apply(Rows));
    }

    [Fact]
    public void Status_filter_and_sorting_by_columns()
    {
        Assert.Equal(["quick"], new ExperimentQuery { Status = ExperimentStatus.Failed }.Apply(Rows).Select(r => r.Name));
        Assert.Equal(["big", "lr-0.001", "lr-0.01", "quick"],
            new ExperimentQuery { SortBy = ExperimentSortKey.Name, Descending = false }.Apply(Rows).Select(r => r.Name));
        Assert.Equal("big", new ExperimentQuery { SortBy = ExperimentSortKey.Priority }.Apply(Rows)[0].Name);
        // Runs without the metric come last in both directions.
        Assert.Equal(["lr-0.001", "lr-0.01"], new ExperimentQuery { SortBy = ExperimentSortKey.Metric }.Apply(Rows).Take(2).Select(r => r.Name));
        Assert.Equal(["lr-0.01", "lr-0.001"],
            new ExperimentQuery { SortBy = ExperimentSortKey.Metric, Descending = false }.Apply(Rows).Take(2).Select(r => r.Name));
    }

    [Fact]
    public void Stage_is_searched_and_sorted_by_the_experiment_kind()
    {
        ExperimentSummary[] rows =
            [Rows[0] with { Kind = "stage-one" }, Rows[1] with { Kind = "pipeline" }, Rows[2] with { Kind = "probe" }, Rows[3]];

        Assert.Equal(["quick"], new ExperimentQuery { Search = "probe" }.Apply(rows).Select(r => r.Name));
        Assert.Equal(["big", "lr-0.001", "quick", "lr-0.01"],
            new ExperimentQuery { SortBy = ExperimentSortKey.Stage, Descending = false }.Apply(rows).Select(r => r.Name));
    }

    [Fact]
    public void Groups_put_a_sweep_together_and_ungrouped_runs_last()
    {
        var groups = ExperimentQuery.Grouped(new ExperimentQuery().Apply(Rows));

        Assert.Equal(["lr-sweep", null], groups.Select(g => g.Key));
        Assert.Equal(2, groups[0].Count());
    }

    [Fact]
    public async Task The_page_shows_one_page_of_a_thousand_runs_and_filters_as_you_type()
    {
        await using var ctx = new BunitContext();
        ctx.AddMud();
        var service = new FakeExperimentService();
        for (var i = 0; i < 1000; i++)
            service.Snapshots.Add(FakeExperimentService.Snapshot($"run-{i:0000}", i, group: i % 10 == 0 ? "sweep-a" : null));
        ctx.Services.AddSingleton<IExperimentService>(service);

        var page = ctx.RenderPage<ExperimentList>();

        Assert.Equal(50, page.FindAll("[data-testid=experiment-row]").Count);
        Assert.Contains("1000 of 1000", page.Find("[data-testid=row-count]").TextContent);
        // Grouped by default: the sweep's 100 runs come first, so the first page is all sweep-a.
        Assert.Contains("sweep-a", page.FindAll("[data-testid=group-row]")[0].TextContent);

        page.InputOf("search").Input("run-099");
        page.WaitForAssertion(() => Assert.Equal(10, page.FindAll("[data-testid=experiment-row]").Count), TimeSpan.FromSeconds(5));
        Assert.Contains("10 of 1000", page.Find("[data-testid=row-count]").TextContent);
    }

    [Fact]
    public async Task Sorting_by_name_toggles_direction_on_a_second_click()
    {
        await using var ctx = new BunitContext();
        ctx.AddMud();
        var service = new FakeExperimentService();
        service.Snapshots.AddRange(
            [FakeExperimentService.Snapshot("b", 1), FakeExperimentService.Snapshot("a", 2), FakeExperimentService.Snapshot("c", 3)]);
        ctx.Services.AddSingleton<IExperimentService>(service);
        var page = ctx.RenderPage<ExperimentList>();
        string[] Names() => page.FindAll("[data-testid=experiment-row] td:nth-child(2)").Select(td => td.TextContent.Trim()).ToArray();

        page.Find("[data-testid=sort-name]").Click();
        Assert.Equal(["a", "b", "c"], Names());
        page.Find("[data-testid=sort-name]").Click();
        Assert.Equal(["c", "b", "a"], Names());
    }
}
