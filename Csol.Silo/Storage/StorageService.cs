using Csol.Abstractions;
using Csol.Abstractions.Services;
using Csol.Silo.Artifacts;
using Csol.Silo.Hosting;
using Microsoft.Extensions.Options;

namespace Csol.Silo.Storage;

/// <summary>Deletes experiments and measures run folders. Deletion goes through the grains, so the record, the
/// checkpoints and the boards change as the rest of the platform sees them; the files go last, so a crash part way
/// leaves a deleted experiment whose folder <c>csol gc</c> removes.</summary>
public sealed class StorageService(
    IGrainFactory grains,
    ICheckpointRecords checkpoints,
    ILeaderboardEntryStore boards,
    IExperimentLog log,
    GarbageCollection gc,
    IOptions<CsolOptions> options,
    TimeProvider clock,
    ILogger<StorageService> logger) : IStorageService
{
    // Walking every run folder costs a directory scan per file; pages refresh every few seconds, so one walk serves
    // every reader for this long (and a delete or gc drops it).
    private static readonly TimeSpan UsageLifetime = TimeSpan.FromSeconds(30);
    private readonly SemaphoreSlim _walk = new(1, 1);
    private StorageUsage? _usage;

    private string DataPath => options.Value.DataPath;

    public async Task<DeleteResult> DeleteAsync(Guid experimentId)
    {
        var grain = grains.GetGrain<IExperimentGrain>(experimentId);
        if ((await grain.GetAsync()).Status == ExperimentStatus.None)
            return new DeleteResult(DeleteOutcome.NotFound, $"no experiment {experimentId}", DiskUsage.None);
        try
        {
            // The grain decides (one call at a time), so a job cannot start between this check and the mark.
            await grain.MarkDeletedAsync();
        }
        catch (InvalidOperationException e)
        {
            return new DeleteResult(DeleteOutcome.Refused, e.Message, DiskUsage.None);
        }
        foreach (var key in await boards.ListKeysAsync())
            await grains.GetGrain<ILeaderboardGrain>(key.ToString()).RemoveAsync(experimentId);
        foreach (var checkpoint in await checkpoints.ListAsync(experimentId, includeDeleted: false))
            await grains.GetGrain<ICheckpointGrain>(checkpoint.Id).MarkDeletedAsync();
        var freed = RemoveRunFolder(experimentId);
        _usage = null;
        await log.AppendAsync(experimentId, ExperimentLogLine.Info,
            $"deleted: {freed.Files} run files ({DiskUsageText.Format(freed.Bytes)}) removed");
        logger.LogInformation("Deleted experiment {Id}: {Files} files, {Bytes} bytes freed", experimentId, freed.Files, freed.Bytes);
        return new DeleteResult(DeleteOutcome.Deleted, $"experiment {experimentId} deleted", freed);
    }

    public async Task<StorageUsage> GetUsageAsync()
    {
        if (_usage is { } fresh && clock.GetUtcNow() - fresh.MeasuredAt < UsageLifetime)
            return fresh;
        await _walk.WaitAsync();
        try
        {
            if (_usage is { } measured && clock.GetUtcNow() - measured.MeasuredAt < UsageLifetime)
                return measured; // another reader walked while this one waited
            var runs = Path.Combine(DataPath, "runs");
            _usage = await Task.Run(() => DiskUsageWalk.MeasureRuns(runs, clock.GetUtcNow()));
            return _usage;
        }
        finally
        {
            _walk.Release();
        }
    }

    public async Task<GcReport> CollectAsync(bool dryRun)
    {
        var report = await gc.CollectAsync(dryRun);
        if (!dryRun)
            _usage = null;
        return report;
    }

    private DiskUsage RemoveRunFolder(Guid experimentId)
    {
        var folder = RunFolders.Of(DataPath, experimentId);
        var usage = DiskUsageWalk.Measure(folder);
        if (Directory.Exists(folder))
            Directory.Delete(folder, recursive: true); // links inside are removed, not followed
        return usage;
    }
}
