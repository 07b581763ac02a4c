using System.Security.Cryptography;
using System.Text;
using Csol.Abstractions;
using Csol.Learning.Checkpoints;

namespace Csol.Silo.ExperimentResults;

/// <summary>Finds the checkpoints a run wrote into its folder (<c>runs/{id:N}/stage-one/*.ckpt</c>,
/// <c>stage-two/stage-two.ckpt</c>) and describes them from their manifests.</summary>
public static class RunCheckpoints
{
    public static IReadOnlyList<CheckpointInfo> Find(string runDirectory, string dataDirectory, ExperimentSnapshot experiment)
    {
        if (!Directory.Exists(runDirectory))
            return [];
        var found = new List<CheckpointInfo>();
        foreach (var file in Directory.EnumerateFiles(runDirectory, "*.ckpt", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var manifestPath = CheckpointFile.ManifestPath(file);
            if (!File.Exists(manifestPath))
                continue; // not one of ours, or a write that died before its manifest: nothing to vouch for it
            var manifest = CheckpointManifest.Parse(File.ReadAllText(manifestPath));
            var relative = Path.GetRelativePath(dataDirectory, file);
            found.Add(new CheckpointInfo
            {
                Id = IdFor(experiment.Id, relative),
                ExperimentId = experiment.Id,
                ExperimentName = experiment.Name,
                Stage = Path.GetFileName(file).StartsWith("stage-two", StringComparison.Ordinal) ? "stage-two" : "stage-one",
                Epoch = manifest.Epoch,
                Path = relative,
                Sha256 = manifest.Sha256,
                SizeBytes = new FileInfo(file).Length,
                Metrics = new Dictionary<string, double>(manifest.Metrics),
                CreatedAt = manifest.CreatedUtc,
            });
        }
        return found;
    }

    /// <summary>A checkpoint's id follows from its experiment and file, so filing a run twice registers nothing twice.</summary>
    public static Guid IdFor(Guid experimentId, string relativePath)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{experimentId:N}/{relativePath.Replace('\\', '/')}"));
        return new Guid(hash.AsSpan(0, 16));
    }
}
