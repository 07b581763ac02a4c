using System.Text.RegularExpressions;
using Csol.Tests.Support;
using Microsoft.Playwright;
using Xunit;

namespace Csol.Tests.Browser;

[Trait("Category", "browser")]
public sealed class QueueExperimentFlowTests
{
    [Fact]
    public async Task Queue_the_quick_experiment_in_the_browser_and_watch_it_complete_with_its_chart()
    {
        using var data = TestPaths.NewTempDirectory("csol-browser");
        await using var host = await PlatformHost.StartAsync(data.Path);
        await using var browser = await BrowserSession.StartAsync(host);
        var page = browser.Page;

        await page.GotoAsync($"{host.Url}/experiments/new");
        await Assertions.Expect(page.Locator("textarea")).ToHaveValueAsync(new Regex("stage-one"), new() { Timeout = 30_000 });
        await browser.ScreenshotAsync("new-experiment");
        await page.GetByTestId("queue").ClickAsync();

        // Blazor navigates inside the page (no load event), so wait on the address itself.
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/experiments/[0-9a-f-]{36}$"), new() { Timeout = 30_000 });
        // Live: the chart fills in while the run goes on, without a reload.
        try
        {
            await Assertions.Expect(page.Locator("[data-testid=loss-chart] polyline").First).ToBeVisibleAsync(new() { Timeout = 120_000 });
        }
        catch
        {
            await browser.ScreenshotAsync("failure-live-chart");
            var rows = await host.Experiments.ListAsync();
            throw new Xunit.Sdk.XunitException(
                $"no live chart; experiments on the server: {string.Join(", ", rows.Select(r => $"{r.Name} {r.Status}"))}");
        }
        await browser.ScreenshotAsync("experiment-running");
        await Assertions.Expect(page.GetByTestId("status")).ToHaveTextAsync("Completed", new() { Timeout = 240_000 });
        await Assertions.Expect(page.GetByTestId("final-metrics")).ToContainTextAsync("val_iou@0.5");
        // The log the step job and the results filing wrote, read again by the page without a reload.
        var log = page.GetByTestId("log");
        await Assertions.Expect(log).ToContainTextAsync(new Regex("stage-one attempt 1 on .+: started"), new() { Timeout = 15_000 });
        await Assertions.Expect(log).ToContainTextAsync("stage-one finished");
        await Assertions.Expect(log).ToContainTextAsync(new Regex("checkpoints written: [0-9]+; kept stage-one epoch"), new() { Timeout = 15_000 });
        // Filed just after the run completed, they show up without a reload.
        await Assertions.Expect(page.Locator("[data-testid=checkpoints] tbody tr")).Not.ToHaveCountAsync(0, new() { Timeout = 15_000 });
        await browser.ScreenshotAsync("experiment-completed");

        var points = await page.Locator("[data-testid=loss-chart] polyline").First.GetAttributeAsync("points");
        Assert.True(points!.Split(' ').Length > 10, $"the loss chart should have a point per step, got: {points}");

        await page.GetByTestId("nav-experiments").ClickAsync();
        await Assertions.Expect(page.GetByTestId("experiments-table")).ToContainTextAsync("Completed");
        await browser.ScreenshotAsync("experiments");
    }

    [Fact]
    public async Task An_invalid_config_in_the_form_shows_the_field_and_queues_nothing()
    {
        using var data = TestPaths.NewTempDirectory("csol-browser-bad");
        await using var host = await PlatformHost.StartAsync(data.Path);
        await using var browser = await BrowserSession.StartAsync(host);
        var page = browser.Page;

        await page.GotoAsync($"{host.Url}/experiments/new");
        var editor = page.Locator("textarea");
        await Assertions.Expect(editor).ToHaveValueAsync(new Regex("stage-one"), new() { Timeout = 30_000 });
        // Typing into the prerendered page before the circuit is live would be overwritten when it attaches;
        // the queue button turns enabled once it is.
        await Assertions.Expect(page.GetByTestId("queue")).ToBeEnabledAsync(new() { Timeout = 30_000 });
        await editor.FillAsync("""{ "name": "bad", "training": { "epochs": 0, "learningRat": 0.1 } }""");
        await editor.PressAsync("Tab");
        await page.GetByTestId("queue").ClickAsync();

        var errors = page.GetByTestId("config-errors");
        await Assertions.Expect(errors).ToContainTextAsync("training.learningRat", new() { Timeout = 15_000 });
        await browser.ScreenshotAsync("invalid-config");
        Assert.Matches("/experiments/new$", page.Url);
        Assert.Empty(await host.Experiments.ListAsync());
    }
}
