using Bunit;
using Csol.Abstractions;
using Csol.Abstractions.Services;
using Csol.Dashboard.Components.Pages;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Xunit;

namespace Csol.Tests.Dashboard;

/// <summary>Disk use and the Delete button with its confirmation, on in-memory doubles of the service faces.</summary>
[Trait("Category", "unit")]
public sealed class StoragePagesTests
{
    [Fact]
    public async Task Delete_asks_for_confirmation_and_only_then_deletes()
    {
        var experiments = new FakeExperimentService();
        var run = FakeExperimentService.Snapshot("finished", 3);
        experiments.Snapshots.Add(run);
        var storage = new FakeStorageService(experiments, new Dictionary<Guid, DiskUsage> { [run.Id] = new(12, 3 * 1024 * 1024) });
        await using var ctx = Context(experiments, storage);
        var dialogs = ctx.Render<MudDialogProvider>();

        var page = ctx.Render<ExperimentDetail>(p => p.Add(d => d.Id, run.Id));

        Assert.Contains("3.00 MiB · 12 files", page.Find("[data-testid=disk-use]").TextContent);
        page.Find("button[data-testid=delete]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("cannot be undone", dialogs.Markup));
        dialogs.FindAll("button").Single(b => b.TextContent.Contains("Keep it")).Click();
        Assert.Empty(storage.Deleted);

        page.Find("button[data-testid=delete]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("cannot be undone", dialogs.Markup));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Delete").Click();

        page.WaitForAssertion(() => Assert.Equal([run.Id], storage.Deleted));
        page.WaitForAssertion(() => Assert.Contains("Deleted", page.Find("[data-testid=status]").TextContent));
        Assert.Empty(page.FindAll("button[data-testid=delete]"));
    }

    [Fact]
    public async Task A_running_experiment_cannot_be_deleted_from_its_page()
    {
        var experiments = new FakeExperimentService();
        var run = FakeExperimentService.Snapshot("running", 1, ExperimentStatus.Running);
        experiments.Snapshots.Add(run);
        await using var ctx = Context(experiments, new FakeStorageService(experiments, new Dictionary<Guid, DiskUsage>()));

        var page = ctx.Render<ExperimentDetail>(p => p.Add(d => d.Id, run.Id));

        Assert.True(page.Find("button[data-testid=delete]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task The_list_shows_disk_use_per_row_and_in_total_and_hides_deleted_experiments_until_filtered_for()
    {
        var experiments = new FakeExperimentService();
        var kept = FakeExperimentService.Snapshot("kept", 2);
        var gone = FakeExperimentService.Snapshot("gone", 1, ExperimentStatus.Deleted);
        experiments.Snapshots.AddRange([kept, gone]);
        await using var ctx =
            Context(experiments,
                new FakeStorageService(experiments, new Dictionary<Guid, DiskUsage> { [kept.Id] = new(3, 2048) }, total: new(5, 4096)));

        var page = ctx.Render<ExperimentList>();

        var row = Assert.Single(page.FindAll("[data-testid=experiment-row]"));
        Assert.Contains("kept", row.TextContent);
        Assert.Equal("2.00 KiB", row.QuerySelector("[data-testid=disk]")!.TextContent);
        Assert.Contains("4.00 KiB on disk · 5 files", page.Find("[data-testid=disk-total]").TextContent);
    }

    private static BunitContext Context(FakeExperimentService experiments, FakeStorageService storage)
    {
        var ctx = new BunitContext().AddMud();
        ctx.Services.AddSingleton<IExperimentService>(experiments);
        ctx.Services.AddSingleton<IStorageService>(storage);
        ctx.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return ctx;
    }

    private sealed class FakeStorageService(FakeExperimentService experiments, IReadOnlyDictionary<Guid, DiskUsage> usage, DiskUsage? total = null)
        : IStorageService
    {
        public List<Guid> Deleted { get; } = [];

        public Task<DeleteResult> DeleteAsync(Guid experimentId)
        {
            Deleted.Add(experimentId);
            var index = experiments.Snapshots.FindIndex(s => s.Id == experimentId);
            experiments.Snapshots[index] = experiments.Snapshots[index] with { Status = ExperimentStatus.Deleted };
            return Task.FromResult(new DeleteResult(DeleteOutcome.Deleted, "deleted", usage.GetValueOrDefault(experimentId, DiskUsage.None)));
        }

        public Task<StorageUsage> GetUsageAsync() =>
            Task.FromResult(new StorageUsage(total ?? usage.Values.Aggregate(DiskUsage.None, (a, b) => a.Add(b)), usage, DateTimeOffset.UnixEpoch));

        public Task<GcReport> CollectAsync(bool dryRun) => throw new NotSupportedException();
    }
}
