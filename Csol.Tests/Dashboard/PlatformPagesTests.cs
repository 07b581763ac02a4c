using Bunit;
using Csol.Dashboard.Components.Pages;
using Csol.Abstractions;
using Csol.Abstractions.Services;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Csol.Tests.Dashboard;

/// <summary>The pages on the #6 service faces (queue, leaderboards, datasets), with in-memory doubles of those faces.</summary>
[Trait("Category", "unit")]
public sealed class PlatformPagesTests
{
    private static BunitContext Context(FakeExperimentService? experiments = null)
    {
        var ctx = new BunitContext().AddMud();
        ctx.Services.AddSingleton<IExperimentService>(experiments ?? new FakeExperimentService());
        return ctx;
    }

    private static QueueEntry Waiting(string name, int priority) => new(Guid.NewGuid(), name, priority, DateTimeOffset.UnixEpoch, "auto");

    [Fact]
    public async Task Queue_shows_the_running_job_and_moves_and_cancels_waiting_ones()
    {
        var experiments = new FakeExperimentService();
        await using var ctx = Context(experiments);
        var (first, second) = (Waiting("first", 2), Waiting("second", 1));
        var device = new DeviceStatus(new DeviceInfo("lab", "cpu0", DeviceInfo.Cpu, "CPU"), Guid.NewGuid(), "training", 30, 120);
        var queue = new FakeQueueService(new QueueView([device], [first, second]));
        ctx.Services.AddSingleton<IQueueService>(queue);

        var page = ctx.RenderPage<QueuePage>();

        Assert.Contains("training", page.Find("[data-testid=device]").TextContent);
        Assert.Contains("step 30 of 120", page.Find("[data-testid=device]").TextContent);
        // The handlers are asynchronous (the page re-reads the queue after each action): wait for their effect, not the click.
        page.FindAll("[data-testid=move-up]")[1].Click();
        page.WaitForAssertion(() => Assert.Equal((second.ExperimentId, 0), Assert.Single(queue.Moves)));
        page.WaitForAssertion(() => Assert.Contains("second", page.FindAll("[data-testid=waiting-row]")[0].TextContent));
        page.FindAll("[data-testid=cancel]")[1].Click();
        page.WaitForAssertion(() => Assert.Equal([first.ExperimentId], experiments.Cancelled));
    }

    [Fact]
    public async Task Save_as_draft_saves_without_queueing_and_a_drafts_page_queues_it()
    {
        var experiments = new FakeExperimentService();
        await using var ctx = Context(experiments);

        var form = ctx.RenderPage<NewExperiment>();
        form.Find("[data-testid=save-draft] button, button[data-testid=save-draft]").Click();
        var draft = Assert.Single(experiments.Snapshots);
        Assert.Equal(ExperimentStatus.Draft, draft.Status);
        Assert.EndsWith($"experiments/{draft.Id}", ctx.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().Uri);

        var page = ctx.Render<ExperimentDetail>(p => p.Add(d => d.Id, draft.Id));
        Assert.Empty(page.FindAll("[data-testid=cancel]")); // nothing to cancel: a draft is not queued
        page.Find("button[data-testid=queue-draft]").Click();
        Assert.Equal([draft.Id], experiments.DraftsQueued);
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=queue-draft]")));
        Assert.Contains("Queued", page.Find("[data-testid=status]").TextContent);
    }

    [Fact]
    public async Task Leaderboard_page_copies_the_board_as_latex_and_by_seed_when_asked()
    {
        await using var ctx = Context();
        var key = new LeaderboardKey("abc123", LeaderboardKey.MultiSource);
        var board = new Leaderboard(key, "clipart", ["val_ciou@0.3"], [], [Entry("a", 0.5, circle: null)]);
        ctx.Services.AddSingleton<ILeaderboardService>(new FakeLeaderboardService(board));

        var page = ctx.RenderPage<LeaderboardsPage>();
        page.Find("[data-testid=export-latex]").Click();

        page.WaitForAssertion(() => Assert.Equal("latex of abc123/multi-source", page.Find("[data-testid=export-text]").TextContent));
        Assert.Contains("copied", page.Find("[data-testid=export-status]").TextContent);
        Assert.Contains(ctx.JSInterop.Invocations, i => i.Identifier == "navigator.clipboard.writeText");
        page.Find("input[data-testid=export-seeds], [data-testid=export-seeds] input").Change(true);
        page.Find("[data-testid=export-csv]").Click();
        page.WaitForAssertion(() => Assert.Equal("csv of abc123/multi-source by seed", page.Find("[data-testid=export-text]").TextContent));
    }

    [Fact]
    public async Task Datasets_page_shows_per_class_counts_and_samples_with_their_boxes()
    {
        await using var ctx = Context();
        var dataset = new DatasetInfo
        {
            Id = "abc123", Name = "clipart", Path = "clipart", ContentHash = "abc123ff", Videos = 3, Clips = 24, Seconds = 24,
            PerClassCounts = new Dictionary<string, int> { ["cello"] = 16, ["flute"] = 8 },
        };
        DatasetSample[] samples =
            [new("api/datasets/abc123/files/a.jpg", 224, 224, [new SampleBox("cello", 10, 20, 100, 150), new SampleBox("flute", 120, 30, 40, 90)])];
        ctx.Services.AddSingleton<IDatasetService>(new FakeDatasetService(dataset, samples));

        var page = ctx.RenderPage<DatasetsPage>();

        Assert.Equal(2, page.FindAll("[data-testid=class-counts] rect[data-class]").Count);
        var cello = page.Find("[data-testid=class-counts] rect[data-class=cello]");
        var flute = page.Find("[data-testid=class-counts] rect[data-class=flute]");
        Assert.True(double.Parse(cello.GetAttribute("height")!, System.Globalization.CultureInfo.InvariantCulture)
                    > double.Parse(flute.GetAttribute("height")!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(2, page.FindAll("[data-testid=sample] rect").Count);
    }

    [Fact]
    public async Task Pages_whose_service_is_not_registered_say_so_instead_of_failing()
    {
        await using (var ctx = Context())
            Assert.Contains("not available", ctx.RenderPage<QueuePage>().Find("[data-testid=queue-unavailable]").TextContent);
        await using (var ctx = Context())
            Assert.Contains("not available", ctx.RenderPage<DatasetsPage>().Find("[data-testid=datasets-unavailable]").TextContent);
    }

    private static LeaderboardEntry Entry(string name, double ciou, double? circle) =>
        new(Guid.NewGuid(), name, Guid.NewGuid(), new Dictionary<string, double> { ["val_ciou@0.3"] = ciou, ["val_auc"] = 0.2, ["val_nsa"] = 0.7 },
            circle is { } v ? new Dictionary<string, double> { ["circle"] = v } : new Dictionary<string, double>(), DateTimeOffset.UnixEpoch, null);
}
