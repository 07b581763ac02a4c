using System.Security.Cryptography;
using System.Text;
using Csol.Abstractions;
using Csol.Learning.Checkpoints;

namespace Csol.Silo.ExperimentResults;

/// <summary>Finds the checkpoints a run wrote into its folder (<c>runs/{id:N}/stage-one/*.ckpt</c>,
/// <c>stage-two/stage-two.ckpt</c>, <c>duet/duet.ckpt</c>, <c>detection/detector-*.ckpt</c>) and describes them from
/// their manifests.</summary>
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
                Stage = Stage(Path.GetFileName(file)),
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

    /// <summary>The detector trained on the pseudo-boxes (<c>detection/detector-pseudo-eNNN.ckpt</c>).</summary>
    public const string DetectionStage = "detection";
    /// <summary>The same detector trained on the true boxes, the upper bound (<c>detector-truth-eNNN.ckpt</c>).</summary>
    public const string DetectionTruthStage = "detection-truth";
    /// <summary>Duet fine-tuning's network (<c>duet/duet.ckpt</c>).</summary>
    public const string DuetStage = "duet";

    // The two detectors are separate stages, so retention keeps the newest of each (docs/detection.md).
    private static string Stage(string fileName)
        => fileName.StartsWith("stage-two", StringComparison.Ordinal) ? "stage-two"
            : fileName.StartsWith("detector-truth-", StringComparison.Ordinal) ? DetectionTruthStage
            : fileName.StartsWith("detector-", StringComparison.Ordinal) ? DetectionStage
            : fileName.StartsWith("duet", StringComparison.Ordinal) ? DuetStage
            : "stage-one";
}
