using System.Text.RegularExpressions;
using Csol.Abstractions;
using Csol.Abstractions.Services;
using Csol.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit;

namespace Csol.Tests.Browser;

/// <summary>"Evaluate on…" from a checkpoint's row in Chromium against the real host, then the board with seeds as one
/// row: real runs (one repeated with two more seeds), the real scheduler and job path.</summary>
[Trait("Category", "browser")]
public sealed class ResearchWorkflowsFlowTests
{
    private static readonly Dictionary<string, string?> OneSlot = new() { ["Csol:Scheduler:CpuSlots"] = "1" };
    private static readonly LocatorAssertionsToHaveCountOptions Wait = new() { Timeout = 60_000 };
    private static readonly LocatorAssertionsToContainTextOptions Text = new() { Timeout = 60_000 };

    [Fact]
    public async Task Evaluate_on_from_the_checkpoint_row_queues_an_evaluation_linked_to_it_and_the_board_groups_seeds()
    {
        using var data = TestPaths.NewTempDirectory("csol-browser-workflows");
        await using var host = await PlatformHost.StartAsync(data.Path, settings: OneSlot);
        var quick = await QueueAsync(host, TinyConfigs.Train(epochs: 2, seed: 7).Replace("\"name\": \"tiny\"", "\"name\": \"quick\""));
        var copies = await host.Services.GetRequiredService<IResearchWorkflows>().RepeatWithSeedsAsync(quick, [8, 9], "admin");
        Assert.Equal(2, copies.ExperimentIds.Count);
        var other = await QueueAsync(host, TinyConfigs.Train(epochs: 2, seed: 7).Replace("\"name\": \"tiny\"", "\"name\": \"other\"")
            .Replace("\"learningRate\": 0.001", "\"learningRate\": 0.01"));
        foreach (var id in copies.ExperimentIds.Append(quick).Append(other))
            Assert.Equal(ExperimentStatus.Completed, (await host.WaitForAsync(id, s => s.Status.IsFinished(), TimeSpan.FromMinutes(3))).Status);
        var checkpoint = (await host.Services.GetRequiredService<ICheckpointService>().ListAsync(quick)).OrderBy(c => c.Epoch).Last();
        await using var browser = await BrowserSession.StartAsync(host);
        var page = browser.Page;

        await page.GotoAsync($"{host.Url}/experiments/{quick}");
        var row = page.Locator($"[id='checkpoint-{checkpoint.Id}']");
        await Assertions.Expect(row).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await RetryAsync(async () =>
        {
            await row.GetByTestId("evaluate-on").ClickAsync(new() { Timeout = 5_000 });
            await Assertions.Expect(page.GetByTestId("evaluate-submit")).ToBeEnabledAsync(new() { Timeout = 5_000 });
        });
        await Assertions.Expect(page.GetByTestId("evaluate-split")).ToContainTextAsync("test", Text);
        await browser.ScreenshotAsync("evaluate-dialog");
        await page.GetByTestId("evaluate-submit").ClickAsync();

        // The dialog was live (its submit enabled through the circuit), so a slow answer, not a lost click, is what a
        // loaded machine brings here: queueing validates the config and writes the records before the page moves on.
        await page.WaitForURLAsync(new Regex("/experiments/(?!" + quick + ")[0-9a-f-]{36}$"), new() { Timeout = 90_000 });
        var evaluation = Guid.Parse(page.Url[^36..]);
        var done = await host.WaitForAsync(evaluation, s => s.Status.IsFinished(), TimeSpan.FromMinutes(2));
        Assert.Equal((ExperimentStatus.Completed, "evaluation", checkpoint.Id), (done.Status, done.Kind, done.ParentCheckpointId));
        await Assertions.Expect(page.GetByTestId("status")).ToHaveTextAsync("Completed", new() { Timeout = 30_000 });
        await page.ReloadAsync();
        var parent = page.GetByTestId("parent-checkpoint").Locator("a");
        await Assertions.Expect(parent).ToContainTextAsync($"quick · stage-one epoch {checkpoint.Epoch}", Text);
        await parent.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/experiments/{quick}#checkpoint-{checkpoint.Id}$"), new() { Timeout = 30_000 });

        // The board: quick's three seeds as one row (n 3), the other config and the evaluation apart.
        await page.GotoAsync($"{host.Url}/leaderboards");
        await Assertions.Expect(page.Locator("tr.csol-board-row")).ToHaveCountAsync(5, Wait);
        await RetryAsync(async () =>
        {
            await page.GetByTestId("group-seeds").ClickAsync(new() { Timeout = 5_000 });
            await Assertions.Expect(page.Locator("tr.csol-seed-row")).ToHaveCountAsync(3, new() { Timeout = 5_000 });
        });
        var group = page.Locator("tr.csol-seed-row").Filter(new() { HasText = "quick" }).Filter(new() { HasNotText = "stage-one" });
        await Assertions.Expect(group.GetByTestId("seed-n")).ToHaveTextAsync("3");
        await Assertions.Expect(group).ToContainTextAsync("±");
        await group.GetByTestId("seed-row-toggle").ClickAsync();
        await Assertions.Expect(page.GetByTestId("seed-member")).ToHaveCountAsync(3, Wait);
        await browser.ScreenshotAsync("leaderboard-seeds");
    }

    private static async Task<Guid> QueueAsync(PlatformHost host, string json)
    {
        var result = await host.Experiments.QueueAsync(json, "test");
        Assert.True(result.Queued, string.Join("; ", result.Errors.Select(e => $"{e.Field}: {e.Message}")));
        return result.ExperimentId!.Value;
    }

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
}
