using Bunit;
using Csol.Dashboard.Components.Pages;
using Csol.Abstractions;
using Csol.Abstractions.Services;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Csol.Tests.Dashboard;

/// <summary>The experiments page asks the query service for each page, order and filter (server-side paging on
/// MudDataGrid's ServerData); the service's own semantics are in <see cref="ExperimentQueriesTests"/>.</summary>
[Trait("Category", "unit")]
public sealed class ExperimentTableTests
{
    private const string Rows = "tr.csol-experiment-row";

    [Fact]
    public async Task The_page_shows_one_page_of_a_thousand_runs_and_filters_on_the_server_as_you_type()
    {
        await using var ctx = Context(out var service, out var queries);
        for (var i = 0; i < 1000; i++)
            service.Snapshots.Add(FakeExperimentService.Snapshot($"run-{i:0000}", i, group: i % 10 == 0 ? "sweep-a" : null));

        var page = ctx.RenderPage<ExperimentList>();

        page.WaitForAssertion(() => Assert.Equal(50, page.FindAll(Rows).Count));
        Assert.Contains("1000 of 1000", page.Find("[data-testid=row-count]").TextContent);
        // Grouped by default: the sweep's 100 runs come first, so the first page is all sweep-a.
        Assert.Contains("sweep-a", page.FindAll("[data-testid=group-row]")[0].TextContent);
        Assert.Equal((0, 50), (queries.Last!.Skip, queries.Last.Take));

        page.InputOf("search").Input("run-099");
        page.WaitForAssertion(() => Assert.Equal(10, page.FindAll(Rows).Count), TimeSpan.FromSeconds(5));
        Assert.Contains("10 of 1000", page.Find("[data-testid=row-count]").TextContent);
        Assert.Equal("run-099", queries.Last.Search);
    }

    [Fact]
    public async Task Page_two_shows_the_next_rows_the_server_cut()
    {
        await using var ctx = Context(out var service, out var queries);
        for (var i = 0; i < 120; i++)
            service.Snapshots.Add(FakeExperimentService.Snapshot($"run-{i:0000}", i));
        var page = ctx.RenderPage<ExperimentList>();
        page.WaitForAssertion(() => Assert.Equal(50, page.FindAll(Rows).Count));
        var first = Names(page);

        page.Find("button[aria-label='Next page']").Click();

        page.WaitForAssertion(() => Assert.Equal("run-0050", Names(page)[0]));
        Assert.Empty(first.Intersect(Names(page)));
        Assert.Equal((50, 50), (queries.Last!.Skip, queries.Last.Take));
    }

    [Fact]
    public async Task Sorting_by_name_asks_the_server_and_toggles_direction_on_a_second_click()
    {
        await using var ctx = Context(out var service, out var queries);
        service.Snapshots.AddRange([FakeExperimentService.Snapshot("b", 1), FakeExperimentService.Snapshot("a", 2),
            FakeExperimentService.Snapshot("c", 3)]);
        var page = ctx.RenderPage<ExperimentList>();
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll(Rows).Count));

        page.Find("th.csol-sort-name .sortable-column-header").Click();
        page.WaitForAssertion(() => Assert.Equal(["a", "b", "c"], Names(page)));
        Assert.Equal((ExperimentSortKey.Name, false), (queries.Last!.SortBy, queries.Last.Descending));
        page.Find("th.csol-sort-name .sortable-column-header").Click();
        page.WaitForAssertion(() => Assert.Equal(["c", "b", "a"], Names(page)));
        Assert.True(queries.Last.Descending);
    }

    private static string[] Names(IRenderedComponent<ExperimentList> page) =>
        page.FindAll($"{Rows} td:nth-child(2)").Select(td => td.TextContent.Trim()).ToArray();

    private static BunitContext Context(out FakeExperimentService service, out InMemoryExperimentQueries queries)
    {
        var ctx = new BunitContext().AddMud();
        service = new FakeExperimentService();
        queries = new InMemoryExperimentQueries(service);
        ctx.Services.AddSingleton<IExperimentService>(service);
        ctx.Services.AddSingleton<IExperimentQueries>(queries);
        return ctx;
    }
}
