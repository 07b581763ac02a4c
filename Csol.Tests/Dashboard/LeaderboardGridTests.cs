using AngleSharp.Dom;
using Bunit;
using Csol.Abstractions;
using Csol.Abstractions.Services;
using Csol.Dashboard.Components.Leaderboards;
using Csol.Dashboard.Components.Pages;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Csol.Tests.Dashboard;

/// <summary>The leaderboard page on MudDataGrid: header sorting (numeric, missing values last either way), seed groups
/// expanding to their runs, pages of 50.</summary>
[Trait("Category", "unit")]
public sealed class LeaderboardGridTests
{
    private const string Rows = "tr.csol-board-row";
    private const string SeedRows = "tr.csol-seed-row";

    [Fact]
    public void Rows_sort_numerically_with_missing_values_last_either_way_and_titles_read_as_the_paper()
    {
        var board = Detection(Entry("a", 0.3, ("cello", 9.0)), Entry("b", 0.5), Entry("c", 0.1, ("cello", 12.5)));

        Assert.Equal(["b", "a", "c"], Names(LeaderboardSort.Rows(board, false, null, descending: true)));
        // 12.5 above 9 (as text "9" would sort above "12.5"), b without the class last in both directions.
        Assert.Equal(["c", "a", "b"], Names(LeaderboardSort.Rows(board, false, "cello", descending: true)));
        Assert.Equal(["a", "c", "b"], Names(LeaderboardSort.Rows(board, false, "cello", descending: false)));
        Assert.Equal([1, 2, 3], LeaderboardSort.Rows(board, false, "cello", descending: false).Select(r => r.Rank));
        Assert.Equal(["CIoU@0.3", "AUC", "NSA", "IoU@0.5"],
            new[] { "val_ciou@0.3", "val_auc", "val_nsa", "val_iou@0.5" }.Select(LeaderboardSort.Title));
    }

    [Fact]
    public async Task A_header_click_sorts_best_first_a_second_click_worst_first_and_ranks_follow()
    {
        await using var ctx = Context(Detection(Entry("a", 0.3, ("cello", 9.0)), Entry("b", 0.5), Entry("c", 0.1, ("cello", 12.5))));
        var page = ctx.RenderPage<LeaderboardsPage>();
        page.WaitForAssertion(() => Assert.Equal(["b", "a", "c"], Column(page, Rows, 3)));
        Assert.Equal($"experiments/{Board(ctx).Entries[1].ExperimentId}", page.FindAll(Rows)[0].QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("map50", page.Find("thead").TextContent);
        Assert.Equal("desc", Direction(page, "map50")); // the board opens on its ranking metric, best first

        page.Find("[data-testid='sort-class:cello']").Click();
        page.WaitForAssertion(() => Assert.Equal(["c", "a", "b"], Column(page, Rows, 3)));
        Assert.Equal(("desc", "none"), (Direction(page, "class:cello"), Direction(page, "map50")));
        Assert.Equal(["1", "2", "3"], Column(page, Rows, 2));
        Assert.Equal(["12.5", "9", "–"], Column(page, Rows, 10));
        page.Find("[data-testid='sort-class:cello']").Click();
        page.WaitForAssertion(() => Assert.Equal(["a", "c", "b"], Column(page, Rows, 3)));
        Assert.Equal("asc", Direction(page, "class:cello"));
        page.Find("[data-testid='sort-map50']").Click();
        page.WaitForAssertion(() => Assert.Equal(["b", "a", "c"], Column(page, Rows, 3)));
    }

    [Fact]
    public async Task A_seed_group_is_one_row_that_expands_to_its_runs_and_stays_open_when_resorted()
    {
        var key = new LeaderboardKey("abc123", LeaderboardKey.SingleSource);
        var board = new Leaderboard(key, "procedural", ["val_iou@0.5", "val_auc"], [],
        [
            Seeded("quick", 0.50, 0.6, "g"), Seeded("other", 0.45, 0.9, "h"), Seeded("quick-seed2", 0.30, 0.5, "g"),
            Seeded("quick-seed3", 0.46, 0.4, "g"),
        ]);
        await using var ctx = Context(board);
        var page = ctx.RenderPage<LeaderboardsPage>();
        page.WaitForAssertion(() => Assert.Equal(4, page.FindAll(Rows).Count));

        page.InputOf("group-seeds").Change(true);

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll(SeedRows).Count));
        // other 0.45 (n 1) ranks above quick's mean 0.42 (n 3, sample std 0.106).
        Assert.Equal(["other", "1", "0.450"], Cells(page.FindAll(SeedRows)[0]).Skip(2).Take(3));
        Assert.Equal(["quick", "3", "0.420 ± 0.106"], Cells(page.FindAll(SeedRows)[1]).Skip(2).Take(3));
        Assert.Single(page.FindAll("[data-testid=seed-row-toggle]")); // a group of one has nothing to expand
        Assert.Empty(page.FindAll("[data-testid=seed-member]"));

        page.Find("[data-testid=seed-row-toggle]").Click();

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=seed-member]").Count));
        var members = page.FindAll("[data-testid=seed-member]");
        Assert.Equal(["quick", "quick-seed2", "quick-seed3"], members.Select(m => m.QuerySelector("a")!.TextContent.Trim()));
        Assert.Equal($"experiments/{board.Entries[2].ExperimentId}", members[1].QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal(["0.3", "0.5"], Cells(members[1]).Skip(2));
        // Sorted by AUC, quick (mean 0.5) goes under other (0.9); its runs stay open under it.
        page.Find("[data-testid='sort-val_auc']").Click();
        page.WaitForAssertion(() => Assert.Equal(["other", "quick"], Column(page, SeedRows, 3)));
        Assert.Equal(3, page.FindAll("[data-testid=seed-member]").Count);
        page.Find("[data-testid=seed-row-toggle]").Click();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=seed-member]")));
    }

    [Fact]
    public async Task Page_two_shows_the_next_ranks()
    {
        var entries = Enumerable.Range(0, 60).Select(i => Entry($"run-{i:00}", 1 - i / 100.0)).ToArray();
        await using var ctx = Context(Detection(entries));
        var page = ctx.RenderPage<LeaderboardsPage>();
        page.WaitForAssertion(() => Assert.Equal(50, page.FindAll(Rows).Count));

        page.Find("button[aria-label='Next page']").Click();

        page.WaitForAssertion(() => Assert.Equal(10, page.FindAll(Rows).Count));
        Assert.Equal(("51", "run-50"), (Column(page, Rows, 2)[0], Column(page, Rows, 3)[0]));
    }

    private static BunitContext Context(Leaderboard board)
    {
        var ctx = new BunitContext().AddMud();
        ctx.Services.AddSingleton<ILeaderboardService>(new FakeLeaderboardService(board));
        ctx.Services.AddSingleton(board);
        return ctx;
    }

    private static Leaderboard Board(BunitContext ctx) => ctx.Services.GetRequiredService<Leaderboard>();

    private static Leaderboard Detection(params LeaderboardEntry[] entries) =>
        new(new LeaderboardKey("abc123", LeaderboardKey.Detection), "clipart",
            ["map50", "heatmap_map50", "random_map50", "frame_map50", "upper_bound_map50"], ["cello"], entries);

    private static LeaderboardEntry Entry(string name, double map50, params (string Class, double Ap)[] perClass) =>
        new(Guid.NewGuid(), name, Guid.NewGuid(),
            new Dictionary<string, double>
            {
                ["map50"] = map50, ["heatmap_map50"] = 0.2, ["random_map50"] = 0.01, ["frame_map50"] = 0.05, ["upper_bound_map50"] = 0.9,
            },
            perClass.ToDictionary(p => p.Class, p => p.Ap), DateTimeOffset.UnixEpoch, null);

    private static LeaderboardEntry Seeded(string name, double iou, double auc, string group) =>
        new(Guid.NewGuid(), name, Guid.NewGuid(), new Dictionary<string, double> { ["val_iou@0.5"] = iou, ["val_auc"] = auc },
            new Dictionary<string, double>(), DateTimeOffset.UnixEpoch, null)
        {
            SeedGroup = group,
        };

    private static string[] Names(IEnumerable<BoardRow> rows) => rows.Select(r => r.Label).ToArray();

    private static IEnumerable<string> Cells(IElement row) => row.QuerySelectorAll("td").Select(td => td.TextContent.Trim());

    /// <summary>The sort arrow of a column's header: asc, desc or none.</summary>
    private static string Direction<T>(IRenderedComponent<T> page, string column) where T : Microsoft.AspNetCore.Components.IComponent
    {
        var icon = page.Find($"[data-testid='sort-{column}']").Closest("th")!.QuerySelector(".sort-direction-icon")!;
        return icon.ClassList.Contains("mud-direction-desc") ? "desc" : icon.ClassList.Contains("mud-direction-asc") ? "asc" : "none";
    }

    /// <summary>The text of the n-th cell (1-based) of each row.</summary>
    private static string[] Column<T>(IRenderedComponent<T> page, string rows, int n) where T : Microsoft.AspNetCore.Components.IComponent =>
        page.FindAll($"{rows} > td:nth-child({n})").Select(td => td.TextContent.Trim()).ToArray();
}
