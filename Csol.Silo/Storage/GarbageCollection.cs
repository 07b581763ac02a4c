using Csol.Abstractions;
using Csol.Abstractions.Services;
using Csol.Learning.Checkpoints;
using Csol.Silo.Artifacts;
using Csol.Silo.ExperimentResults;
using Csol.Silo.Hosting;
using Microsoft.Extensions.Options;

namespace Csol.Silo.Storage;

/// <summary><c>csol gc</c>: checkpoint retention over every finished experiment's files, and the run folders of
/// deleted experiments. Runs inside the server, which knows what runs: folders of queued, running and draft
/// experiments, and folders no experiment record names, are never touched.</summary>
public sealed class GarbageCollection(
    IGrainFactory grains,
    IExperimentRecords experiments,
    IOptions<CsolOptions> options,
    IOptions<CheckpointsOptions> retention,
    ILogger<GarbageCollection> logger)
{
    public async Task<GcReport> CollectAsync(bool dryRun)
    {
        var dataPath = options.Value.DataPath;
        var items = new List<GcItem>();
        foreach (var row in await experiments.ListAsync())
        {
            var folder = RunFolders.Of(dataPath, row.Id);
            if (!Directory.Exists(folder))
                continue;
            if (row.Status == ExperimentStatus.Deleted)
                items.Add(await RemoveFolderAsync(row, folder, dryRun));
            else if (row.Status.IsFinished())
                items.AddRange(await ApplyRetentionAsync(row, folder, dataPath, dryRun));
        }
        var freed = items.Aggregate(DiskUsage.None, (sum, item) => sum.Add(item.Size));
        logger.LogInformation("gc{DryRun}: {Items} items, {Files} files, {Bytes} bytes", dryRun ? " (dry run)" : "", items.Count, freed.Files,
            freed.Bytes);
        return new GcReport(dryRun, items, freed);
    }

    private async Task<GcItem> RemoveFolderAsync(ExperimentSummary row, string folder, bool dryRun)
    {
        var size = DiskUsageWalk.Measure(folder);
        if (!dryRun)
        {
            // A delete that died before its files went: finish it.
            foreach (var checkpoint in RunCheckpoints.Find(folder, options.Value.DataPath, Snapshot(row)))
                if (await grains.GetGrain<ICheckpointGrain>(checkpoint.Id).GetAsync() is { Deleted: false })
                    await grains.GetGrain<ICheckpointGrain>(checkpoint.Id).MarkDeletedAsync();
            Directory.Delete(folder, recursive: true);
        }
        return new GcItem(row.Id, Path.GetRelativePath(options.Value.DataPath, folder), "experiment deleted", size);
    }

    private async Task<IReadOnlyList<GcItem>> ApplyRetentionAsync(ExperimentSummary row, string folder, string dataPath, bool dryRun)
    {
        var found = RunCheckpoints.Find(folder, dataPath, Snapshot(row));
        var keep = CheckpointRetention.Keep(found, retention.Value.KeepBest, retention.Value.Metric);
        var items = new List<GcItem>();
        foreach (var checkpoint in found.Where(c => !keep.Contains(c.Id)))
        {
            var file = Path.Combine(dataPath, checkpoint.Path);
            var manifest = CheckpointFile.ManifestPath(file);
            var size =
                new DiskUsage(1, new FileInfo(file).Length)
                .Add(File.Exists(manifest) ? new DiskUsage(1, new FileInfo(manifest).Length) : DiskUsage.None);
            items.Add(new GcItem(row.Id, checkpoint.Path,
                $"retention: not among the {retention.Value.KeepBest} best {checkpoint.Stage} checkpoints nor the latest", size));
            if (dryRun)
                continue;
            // Registered first (ids follow from the file), so the record says deleted even for a run never filed.
            var grain = grains.GetGrain<ICheckpointGrain>(checkpoint.Id);
            await grain.RegisterAsync(checkpoint);
            File.Delete(file);
            File.Delete(manifest);
            await grain.MarkDeletedAsync();
        }
        return items;
    }

    private static ExperimentSnapshot Snapshot(ExperimentSummary row) => new() { Id = row.Id, Name = row.Name };
}
