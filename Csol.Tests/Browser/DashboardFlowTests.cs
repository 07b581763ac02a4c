using System.Text.RegularExpressions;
using Csol.Abstractions;
using Csol.Abstractions.Services;
using Microsoft.Extensions.DependencyInjection;
using Csol.Learning.Experiments;
using Csol.Tests.Learning.StageTwo;
using Csol.Tests.Support;
using Microsoft.Playwright;
using Xunit;

namespace Csol.Tests.Browser;

/// <summary>The dashboard's main flows after queueing, in Debian's Chromium at 1280×800 against the real host.</summary>
[Trait("Category", "browser")]
public sealed class DashboardFlowTests
{
    private static readonly LocatorAssertionsToHaveCountOptions Wait = new() { Timeout = 30_000 };
    private static readonly LocatorAssertionsToBeVisibleOptions Visible = new() { Timeout = 15_000 };
    private static readonly LocatorAssertionsToContainTextOptions Text = new() { Timeout = 30_000 };

    private static string Tiny(string name, string? group = null, double learningRate = 0.001, int epochs = 1) =>
        TinyConfigs.Train(epochs)
            .Replace("\"name\": \"tiny\"", $"\"name\": \"{name}\"" + (group is null ? "" : $", \"group\": \"{group}\""))
            .Replace("\"learningRate\": 0.001", $"\"learningRate\": {learningRate.ToString(System.Globalization.CultureInfo.InvariantCulture)}");

    private static async Task<Guid> QueueAsync(PlatformHost host, string json)
    {
        var result = await host.Experiments.QueueAsync(json, "test");
        Assert.True(result.Queued, string.Join("; ", result.Errors.Select(e => $"{e.Field}: {e.Message}")));
        return result.ExperimentId!.Value;
    }

    [Fact]
    public async Task Experiments_table_groups_sweeps_filters_and_clones_a_run_with_a_new_priority()
    {
        using var data = TestPaths.NewTempDirectory("csol-browser-table");
        await using var host = await PlatformHost.StartAsync(data.Path);
        await QueueAsync(host, Tiny("lr-high", "lr-sweep", 0.01));
        var low = await QueueAsync(host, Tiny("lr-low", "lr-sweep", 0.001));
        await QueueAsync(host, Tiny("baseline"));
        await host.WaitForAsync(low, s => s.Status.IsFinished(), TimeSpan.FromMinutes(2));
        await using var browser = await BrowserSession.StartAsync(host);
        var page = browser.Page;

        await page.GotoAsync($"{host.Url}/experiments");
        await Assertions.Expect(page.Locator("tr.csol-experiment-row")).ToHaveCountAsync(3, Wait);
        await Assertions.Expect(page.GetByTestId("group-row").First).ToContainTextAsync("lr-sweep");
        await Assertions.Expect(page.GetByTestId("group-row").Nth(1)).ToContainTextAsync("no group");
        await browser.ScreenshotAsync("experiments-grouped");
        var search = page.GetByTestId("search").Locator("input").Or(page.Locator("input[data-testid=search]")).First;
        await Assertions.Expect(search).ToBeEnabledAsync(new() { Timeout = 30_000 });
        await search.FillAsync("sweep");
        await Assertions.Expect(page.Locator("tr.csol-experiment-row")).ToHaveCountAsync(2, Wait);
        await Assertions.Expect(page.GetByTestId("row-count")).ToHaveTextAsync("2 of 3");

        await page.GetByRole(AriaRole.Link, new() { Name = "lr-low", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("lineage")).ToContainTextAsync("lr-sweep", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("config")).ToContainTextAsync("\"learningRate\": 0.001");
        await browser.ScreenshotAsync("experiment-detail");
        await page.GetByTestId("clone").ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/experiments/new\\?from={low}$"), new() { Timeout = 30_000 });
        var editor = page.Locator("textarea");
        await Assertions.Expect(editor).ToHaveValueAsync(new Regex("\"name\": \"lr-low-clone\""), new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("queue")).ToBeEnabledAsync(new() { Timeout = 30_000 });
        var priority = page.Locator("input[data-testid=priority]").Or(page.GetByTestId("priority").Locator("input")).First;
        await priority.FillAsync("7");
        await priority.PressAsync("Tab");
        await Assertions.Expect(editor).ToHaveValueAsync(new Regex("\"priority\": 7"));
        await browser.ScreenshotAsync("clone-and-edit");
        await page.GetByTestId("queue").ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/experiments/[0-9a-f-]{36}$"), new() { Timeout = 30_000 });
        var clone = (await host.Experiments.ListAsync()).Single(e => e.Name == "lr-low-clone");
        Assert.Equal(7, clone.Priority);
        Assert.Equal("lr-sweep", clone.Group);
        Assert.Contains("clone of lr-low", (await host.Experiments.GetAsync(clone.Id))!.ConfigSource);
    }

    [Fact]
    public async Task Compare_two_finished_runs_with_overlaid_curves_and_only_the_differing_config()
    {
        using var data = TestPaths.NewTempDirectory("csol-browser-compare");
        await using var host = await PlatformHost.StartAsync(data.Path);
        var a = await QueueAsync(host, Tiny("lr-0.01", learningRate: 0.01, epochs: 3));
        var b = await QueueAsync(host, Tiny("lr-0.001", learningRate: 0.001, epochs: 3));
        await host.WaitForAsync(a, s => s.Status.IsFinished(), TimeSpan.FromMinutes(2));
        await host.WaitForAsync(b, s => s.Status.IsFinished(), TimeSpan.FromMinutes(2));
        await using var browser = await BrowserSession.StartAsync(host);
        var page = browser.Page;

        await page.GotoAsync($"{host.Url}/experiments");
        await Assertions.Expect(page.Locator("tr.csol-experiment-row")).ToHaveCountAsync(2, Wait);
        await Assertions.Expect(page.GetByTestId("compare-selected")).ToBeDisabledAsync();
        // The checkboxes only act once the circuit is live; the button enabling after two ticks shows it is.
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "select lr-0.01" }).CheckAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "select lr-0.001" }).CheckAsync();
        await Assertions.Expect(page.GetByTestId("compare-selected")).ToBeEnabledAsync(new() { Timeout = 30_000 });
        await page.GetByTestId("compare-selected").ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/compare\\?ids="), new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("[data-testid=compare-curves] polyline")).ToHaveCountAsync(2, Wait);
        var diff = page.GetByTestId("config-diff");
        await Assertions.Expect(diff.Locator("tbody tr")).ToHaveCountAsync(2); // name and training.learningRate
        await Assertions.Expect(diff).ToContainTextAsync("training.learningRate");
        await Assertions.Expect(diff).Not.ToContainTextAsync("data.classes");
        await Assertions.Expect(page.GetByTestId("compare-metrics")).ToContainTextAsync("val_iou@0.5");
        await browser.ScreenshotAsync("compare");

        // Two checkpoints of one run, ticked on its page: their own metrics side by side, the run's curve.
        var kept = await host.Services.GetRequiredService<ICheckpointService>().ListAsync(a);
        Assert.True(kept.Count >= 2, $"retention keeps the best two epochs, found {kept.Count}");
        await page.GotoAsync($"{host.Url}/experiments/{a}");
        var ticks = page.Locator("[data-testid=checkpoints] input[type=checkbox]");
        await Assertions.Expect(ticks.First).ToBeEnabledAsync(new() { Timeout = 30_000 });
        await ticks.Nth(0).CheckAsync();
        await ticks.Nth(1).CheckAsync();
        await page.GetByTestId("compare-checkpoints").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/compare\\?checkpoints="), new() { Timeout = 30_000 });
        var metrics = page.GetByTestId("compare-metrics");
        await Assertions.Expect(metrics.Locator("thead th")).ToHaveCountAsync(3, Wait);
        await Assertions.Expect(metrics).ToContainTextAsync($"lr-0.01 · stage-one e{kept[0].Epoch}");
        await Assertions.Expect(metrics).ToContainTextAsync($"lr-0.01 · stage-one e{kept[1].Epoch}");
        await Assertions.Expect(page.Locator("[data-testid=compare-curves] polyline")).ToHaveCountAsync(2, Wait);
        await Assertions.Expect(page.GetByTestId("config-diff-empty")).ToBeVisibleAsync(Visible);

        // The best checkpoint of each run, ticked on the leaderboard.
        await page.GotoAsync($"{host.Url}/leaderboards");
        var rowTicks = page.Locator("tr.csol-board-row input[type=checkbox]");
        await Assertions.Expect(rowTicks).ToHaveCountAsync(2, Wait);
        await Assertions.Expect(rowTicks.First).ToBeEnabledAsync(new() { Timeout = 30_000 });
        await rowTicks.Nth(0).CheckAsync();
        await rowTicks.Nth(1).CheckAsync();
        await page.GetByTestId("compare-checkpoints").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/compare\\?checkpoints="), new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("compare-metrics")).ToContainTextAsync("lr-0.001 · stage-one", Text);
        await Assertions.Expect(page.GetByTestId("config-diff")).ToContainTextAsync("training.learningRate");
        await browser.ScreenshotAsync("compare-checkpoints");
    }

    [Fact]
    public async Task Visualize_a_pipeline_run_with_class_toggles_and_a_threshold()
    {
        using var data = TestPaths.NewTempDirectory("csol-browser-visualize");
        await using var host = await PlatformHost.StartAsync(data.Path);
        var id = await QueueAsync(host, ExperimentConfigLoader.ToJson(StageTwoTinyConfigs.Pipeline(stageTwoEpochs: 1)));
        var done = await host.WaitForAsync(id, s => s.Status.IsFinished(), TimeSpan.FromMinutes(3));
        Assert.Equal(ExperimentStatus.Completed, done.Status);
        await using var browser = await BrowserSession.StartAsync(host);
        var page = browser.Page;

        await page.GotoAsync($"{host.Url}/experiments/{id}");
        await page.GetByTestId("visualize-link").ClickAsync();
        await Assertions.Expect(page.GetByTestId("image-item")).ToHaveCountAsync(4, Wait);
        var overlay = page.GetByTestId("overlay");
        var frame = await overlay.Locator("image").GetAttributeAsync("href");
        var response = await page.APIRequest.GetAsync($"{host.Url}/{frame}");
        Assert.Equal(200, response.Status);
        Assert.Equal("image/png", response.Headers["content-type"]);

        var classes = StageTwoTinyConfigs.Pipeline().Data.Classes;
        await Assertions.Expect(page.Locator("[data-testid^=class-] input, input[data-testid^=class-]")).ToHaveCountAsync(classes, Wait);
        await Assertions.Expect(overlay.Locator("rect.box").First).ToBeVisibleAsync(Visible);
        await browser.ScreenshotAsync("visualize");
        await page.Locator("input[type=range][data-testid=threshold]").FillAsync("0");
        await Assertions.Expect(page.GetByText("Threshold 0.00")).ToBeVisibleAsync(Visible);
        var allCells = await overlay.Locator("rect.cell").CountAsync();
        Assert.True(allCells > 0, "at threshold 0 every cell with a probability above 0 is drawn");

        // Untick the first class: its cells and boxes go, the others stay.
        var first = page.Locator("[data-testid^=class-] input, input[data-testid^=class-]").First;
        var name =
            (await first.GetAttributeAsync("data-testid")
                ?? await page.Locator("[data-testid^=class-]").First.GetAttributeAsync("data-testid"))!["class-".Length..];
        Assert.True(await overlay.Locator($"rect[data-class={name}]").CountAsync() > 0);
        await first.ClickAsync();
        await Assertions.Expect(overlay.Locator($"rect[data-class={name}]")).ToHaveCountAsync(0, Wait);
        var withoutFirst = await overlay.Locator("rect.cell").CountAsync();
        Assert.True(withoutFirst < allCells);

        await page.Locator("input[type=range][data-testid=threshold]").FillAsync("1");
        await Assertions.Expect(page.GetByText("Threshold 1.00")).ToBeVisibleAsync(Visible);
        Assert.True(await overlay.Locator("rect.cell").CountAsync() < withoutFirst);
    }
}
