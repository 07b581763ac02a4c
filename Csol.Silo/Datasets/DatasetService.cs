using System.Collections.Concurrent;
using Csol.Abstractions;
using Csol.Abstractions.Services;
using Csol.Learning.Data.Manifest;
using Csol.Learning.Experiments;

namespace Csol.Silo.Datasets;

public sealed class DatasetService(IGrainFactory grains, IDatasetRecords records, DataRoots roots, TimeProvider clock) : IDatasetService
{
    // Real folder path → (fingerprint, dataset id) of its last hashing in this process.
    private readonly ConcurrentDictionary<string, (string Fingerprint, string Id)> _hashed = new(StringComparer.Ordinal);

    public Task<IReadOnlyList<DatasetInfo>> ListAsync() => records.ListAsync();

    public Task<DatasetInfo?> GetAsync(string datasetId) =>
        IsId(datasetId) ? grains.GetGrain<IDatasetGrain>(datasetId).GetAsync() : Task.FromResult<DatasetInfo?>(null);

    public async Task<DatasetInfo> RegisterAsync(string path, string? name = null)
    {
        var (real, root) = roots.Resolve(path);
        if (!Directory.Exists(real))
            throw new ArgumentException($"{path}: no such folder under the data roots ({string.Join(", ", roots.Configured)}).", nameof(path));
        DatasetManifest manifest;
        string fingerprint;
        try
        {
            fingerprint = await Task.Run(() => FolderFingerprint.Of(real));
            manifest = await Task.Run(() => DatasetInspector.Inspect(real));
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            throw new ArgumentException($"{path}: not a dataset: {e.Message}", nameof(path), e);
        }
        var grain = grains.GetGrain<IDatasetGrain>(DatasetIds.FromContentHash(manifest.ContentHash));
        _hashed[real] = (fingerprint, DatasetIds.FromContentHash(manifest.ContentHash));
        // Without a name, a dataset registered before keeps the one it has (a run's filing must not rename it).
        var shown = !string.IsNullOrWhiteSpace(name) ? name.Trim() : (await grain.GetAsync())?.Name ?? Path.GetFileName(real);
        return await grain.RegisterAsync(DatasetIds.FromManifest(manifest, Path.GetRelativePath(root, real), shown, clock.GetUtcNow()));
    }

    /// <summary>Registers the dataset an experiment config trains on and records the experiment as a user: the music
    /// folder (hashed again unless its <see cref="FolderFingerprint"/> is the one this process last hashed, so a changed
    /// folder is a new dataset) or the procedural set's settings. Null when the folder is gone or outside the data roots
    /// (then it gets no id: nothing could serve or check it).</summary>
    public async Task<DatasetInfo?> RecordUseAsync(ExperimentConfig config, Guid experimentId)
    {
        DatasetInfo info;
        if (config.Data.Source == ProceduralDataConfig.MusicSource)
        {
            if (config.Data.Root is not { } root || !Directory.Exists(root) || roots.Within(Path.GetFullPath(root)) is null)
                return null;
            var real = DataRoots.RealPath(root);
            var known = _hashed.TryGetValue(real, out var seen) && seen.Fingerprint == await Task.Run(() => FolderFingerprint.Of(real))
                ? await grains.GetGrain<IDatasetGrain>(seen.Id).GetAsync()
                : null;
            info = known ?? await RegisterAsync(real);
        }
        else
        {
            var procedural = DatasetIds.ProceduralInfo(config.Data, clock.GetUtcNow());
            info = await grains.GetGrain<IDatasetGrain>(procedural.Id).RegisterAsync(procedural);
        }
        return await grains.GetGrain<IDatasetGrain>(info.Id).AddUserAsync(experimentId);
    }

    public async Task<IReadOnlyList<DatasetSample>> GetSamplesAsync(string datasetId, int count)
    {
        if (count <= 0 || await GetAsync(datasetId) is not { } info || Folder(info) is not { } folder)
            return [];
        return await Task.Run(() => DatasetSamples.Pick(folder, info.Id, count));
    }

    /// <summary>The dataset's folder, if it is one (the procedural set has none) and still under a data root.</summary>
    public string? Folder(DatasetInfo info)
    {
        if (info.Path.Length == 0)
            return null;
        try
        {
            var (real, _) = roots.Resolve(info.Path);
            return Directory.Exists(real) ? real : null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static bool IsId(string id) => id.Length is > 0 and <= 64 && id.All(char.IsAsciiLetterOrDigit);
}
