using System.Globalization;
using System.Text.RegularExpressions;
using Csol.Abstractions;
using Csol.Abstractions.Services;
using Csol.Tests.Learning.Data.Clipart;
using Csol.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit;

namespace Csol.Tests.Browser;

/// <summary>Leaderboards, Queue and Datasets in Chromium against the real host: real runs, the real scheduler, a real build.</summary>
[Trait("Category", "browser")]
public sealed class PlatformPagesFlowTests(TinyClipartBuild build) : IClassFixture<TinyClipartBuild>
{
    private static readonly LocatorAssertionsToHaveCountOptions Wait = new() { Timeout = 30_000 };
    private static readonly LocatorAssertionsToContainTextOptions Text = new() { Timeout = 30_000 };

    private static readonly Dictionary<string, string?> OneSlot = new() { ["Csol:Scheduler:CpuSlots"] = "1" };

    private static async Task<Guid> QueueAsync(PlatformHost host, string json)
    {
        var result = await host.Experiments.QueueAsync(json, "test");
        Assert.True(result.Queued, string.Join("; ", result.Errors.Select(e => $"{e.Field}: {e.Message}")));
        return result.ExperimentId!.Value;
    }

    private static string StageOne(string name, int seed, double learningRate) =>
        TinyConfigs.Train(epochs: 2, seed: seed)
            .Replace("\"name\": \"tiny\"", $"\"name\": \"{name}\"")
            .Replace("\"learningRate\": 0.001", $"\"learningRate\": {learningRate.ToString(CultureInfo.InvariantCulture)}");

    [Fact]
    public async Task Leaderboard_ranks_two_finished_runs_sorts_by_a_column_and_links_to_the_run_and_its_checkpoint()
    {
        using var data = TestPaths.NewTempDirectory("csol-browser-board");
        await using var host = await PlatformHost.StartAsync(data.Path);
        var a = await QueueAsync(host, StageOne("seed-7", 7, 0.01));
        var b = await QueueAsync(host, StageOne("seed-8", 8, 0.001));
        foreach (var id in new[] { a, b })
            Assert.Equal(ExperimentStatus.Completed, (await host.WaitForAsync(id, s => s.Status.IsFinished(), TimeSpan.FromMinutes(2))).Status);
        var boards = host.Services.GetRequiredService<ILeaderboardService>();
        var board = (await boards.GetAsync(Assert.Single(await boards.ListAsync())))!;
        Assert.Equal(2, board.Entries.Count);
        // Tiny runs can tie on the ranking metric; sort on a column where they differ.
        var metric = board.MetricColumns.First(m => board.Entries[0].Metrics[m] != board.Entries[1].Metrics[m]);
        var high = board.Entries.MaxBy(e => e.Metrics[metric])!;
        var low = board.Entries.Single(e => e != high);
        await using var browser = await BrowserSession.StartAsync(host);
        var page = browser.Page;

        await page.GotoAsync($"{host.Url}/leaderboards");
        var rows = page.Locator("tr.csol-board-row");
        await Assertions.Expect(rows).ToHaveCountAsync(2, Wait);
        await Assertions.Expect(rows.First).ToContainTextAsync(board.Entries[0].ExperimentName);
        await browser.ScreenshotAsync("leaderboard");

        // A new column sorts descending, a second click ascending (the first click repeated until the circuit is live).
        var header = page.GetByTestId($"sort-{metric}");
        var arrow = page.Locator($"th:has([data-testid='sort-{metric}']) .sort-direction-icon");
        var already = metric == board.MetricColumns[0]; // the page opens sorted descending on the ranking metric
        await RetryAsync(async () =>
        {
            await header.ClickAsync();
            var direction = already ? "mud-direction-asc" : "mud-direction-desc";
            await Assertions.Expect(arrow).ToHaveClassAsync(new Regex(direction), new() { Timeout = 5_000 });
        });
        if (!already)
        {
            await Assertions.Expect(rows.First).ToContainTextAsync(high.ExperimentName);
            await header.ClickAsync();
            await Assertions.Expect(arrow).ToHaveClassAsync(new Regex("mud-direction-asc"), new() { Timeout = 30_000 });
        }
        await Assertions.Expect(rows.First).ToContainTextAsync(low.ExperimentName);
        var worst = low;

        await rows.First.Locator("a").Nth(1).ClickAsync();
        await Assertions.Expect(page)
            .ToHaveURLAsync(new Regex($"/experiments/{worst.ExperimentId}#checkpoint-{worst.CheckpointId}$"), new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator($"[id='checkpoint-{worst.CheckpointId}']")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("status")).ToHaveTextAsync("Completed");
    }

    [Fact]
    public async Task Queue_page_moves_reprioritises_and_cancels_waiting_runs_behind_a_running_one()
    {
        using var data = TestPaths.NewTempDirectory("csol-browser-queue");
        await using var host = await PlatformHost.StartAsync(data.Path, settings: OneSlot);
        var running = await QueueAsync(host, TinyConfigs.Probe(steps: 600, stepMilliseconds: 100, name: "long"));
        await host.WaitForAsync(running, s => s.Status == ExperimentStatus.Running, TimeSpan.FromSeconds(30));
        foreach (var name in new[] { "first", "second", "third" })
            await QueueAsync(host, TinyConfigs.Probe(name: name));
        await using var browser = await BrowserSession.StartAsync(host);
        var page = browser.Page;

        await page.GotoAsync($"{host.Url}/queue");
        var device = page.GetByTestId("device");
        await Assertions.Expect(device).ToContainTextAsync("long", Text);
        await Assertions.Expect(device).ToContainTextAsync(new Regex("step [1-9]"), Text);
        var rows = page.GetByTestId("waiting-row");
        await ExpectOrderAsync(rows, "first", "second", "third");
        await browser.ScreenshotAsync("queue");

        // Move "third" up twice: it starts next. The first click is repeated only while the circuit is not live yet.
        await RetryAsync(async () =>
        {
            await rows.Nth(2).GetByTestId("move-up").ClickAsync();
            await Assertions.Expect(rows.Nth(2)).Not.ToContainTextAsync("third", new() { Timeout = 5_000 });
        });
        await ExpectOrderAsync(rows, "first", "third", "second");
        await rows.Nth(1).GetByTestId("move-up").ClickAsync();
        await ExpectOrderAsync(rows, "third", "first", "second");

        // A higher priority puts "second" ahead of everything.
        var priority = rows.Nth(2).Locator("input");
        await priority.FillAsync("50");
        await priority.PressAsync("Enter");
        await ExpectOrderAsync(rows, "second", "third", "first");
        Assert.Equal(50, (await host.Experiments.ListAsync()).Single(e => e.Name == "second").Priority);

        // Cancel "third": it leaves the queue and is cancelled.
        await rows.Nth(1).GetByTestId("cancel").ClickAsync();
        await ExpectOrderAsync(rows, "second", "first");
        var third = (await host.Experiments.ListAsync()).Single(e => e.Name == "third");
        Assert.Equal(ExperimentStatus.Cancelled, (await host.WaitForAsync(third.Id, s => s.Status.IsFinished(), TimeSpan.FromSeconds(10))).Status);
        await browser.ScreenshotAsync("queue-reordered");

        // The experiments table's stage column: the kind, and for the running one its step.
        await page.GotoAsync($"{host.Url}/experiments");
        var longRow = page.Locator("tr.csol-experiment-row").Filter(new() { HasText = "long" });
        await Assertions.Expect(longRow.GetByTestId("stage")).ToHaveTextAsync(new Regex("^probe · step [0-9]+ of 600$"), new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("tr.csol-experiment-row").Filter(new() { HasText = "first" }).GetByTestId("stage"))
            .ToHaveTextAsync("probe");
        await host.Experiments.CancelAsync(running);
    }

    /// <summary>Clicks made before the Blazor circuit is live do nothing: repeat the action until its effect shows.</summary>
    private static async Task RetryAsync(Func<Task> attempt)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                await attempt();
                return;
            }
            catch (PlaywrightException) when (DateTime.UtcNow < until)
            {
            }
        }
    }

    private static async Task ExpectOrderAsync(ILocator rows, params string[] names)
    {
        await Assertions.Expect(rows).ToHaveCountAsync(names.Length, Wait);
        for (var i = 0; i < names.Length; i++)
            await Assertions.Expect(rows.Nth(i).Locator("td").Nth(1)).ToHaveTextAsync(names[i], new() { Timeout = 15_000 });
    }

    [Fact]
    public async Task Datasets_page_shows_a_registered_clipart_build_with_per_class_counts_and_sample_boxes()
    {
        using var data = TestPaths.NewTempDirectory("csol-browser-datasets");
        await using var host = await PlatformHost.StartAsync(data.Path, settings: new Dictionary<string, string?>
        {
            ["Csol:DataRoots:0"] = Path.GetDirectoryName(build.Folder),
        });
        var dataset = await host.Services.GetRequiredService<IDatasetService>().RegisterAsync(build.Folder, "tiny clipart");
        await using var browser = await BrowserSession.StartAsync(host);
        var page = browser.Page;

        await page.GotoAsync($"{host.Url}/datasets");
        await Assertions.Expect(page.GetByTestId("dataset-row")).ToHaveCountAsync(1, Wait);
        await Assertions.Expect(page.GetByTestId("manifest")).ToContainTextAsync(dataset.ContentHash);
        var counts = page.GetByTestId("class-counts");
        foreach (var name in TinyClipartBuild.DetectorClasses)
            await Assertions.Expect(counts).ToContainTextAsync(name);
        Assert.Equal(TinyClipartBuild.DetectorClasses.Count, dataset.PerClassCounts.Count(c => c.Value > 0));
        var samples = page.GetByTestId("sample");
        await Assertions.Expect(samples.Nth(TinyClipartBuild.DetectorClasses.Count - 1)).ToBeVisibleAsync(new() { Timeout = 30_000 });
        Assert.True(await samples.Locator("rect").CountAsync() >= TinyClipartBuild.DetectorClasses.Count);
        foreach (var name in TinyClipartBuild.DetectorClasses)
            await Assertions.Expect(page.GetByTestId("samples")).ToContainTextAsync(name);
        var frame = await samples.First.Locator("image").GetAttributeAsync("href");
        var response = await page.APIRequest.GetAsync(new Uri(new Uri(host.Url + "/"), frame).ToString());
        Assert.Equal(200, response.Status);
        await browser.ScreenshotAsync("datasets");
    }
}
