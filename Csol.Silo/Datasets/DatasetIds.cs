using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Csol.Abstractions;
using Csol.Learning.Data.Manifest;
using Csol.Learning.Experiments;

namespace Csol.Silo.Datasets;

/// <summary>How datasets are named on leaderboards: a folder by its content hash, the procedural set by its settings.</summary>
public static class DatasetIds
{
    public const int Length = 16;

    public static string FromContentHash(string contentHash) => contentHash[..Length].ToLowerInvariant();

    /// <summary>The procedural set's id: a hash of the data fields that shape it. The seed is left out on purpose, so runs
    /// of one setting with different seeds (a seed sweep) share a leaderboard.</summary>
    public static string Procedural(ProceduralDataConfig data)
    {
        var shape = new
        {
            data.Classes, data.TrainClips, data.ValClips, data.ImageSize, data.AudioFrames, data.MelBands, data.ClipsPerVideo, data.FlipProbability,
        };
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("procedural:" + JsonSerializer.Serialize(shape)));
        return "p" + Convert.ToHexStringLower(hash)[..(Length - 1)];
    }

    public static DatasetInfo ProceduralInfo(ProceduralDataConfig data, DateTimeOffset now) => new()
    {
        Id = Procedural(data),
        Name =
            string.Create(CultureInfo.InvariantCulture,
                $"procedural ({data.Classes} classes, {data.ImageSize} px, {data.TrainClips}/{data.ValClips} clips)"),
        ContentHash = Procedural(data),
        Clips = data.TrainClips + data.ValClips,
        Seconds = data.TrainClips + data.ValClips,
        RegisteredAt = now,
    };

    public static DatasetInfo FromManifest(DatasetManifest manifest, string path, string name, DateTimeOffset now) => new()
    {
        Id = FromContentHash(manifest.ContentHash),
        Name = name,
        Path = path,
        ContentHash = manifest.ContentHash,
        Videos = manifest.Videos,
        Clips = manifest.Clips,
        Seconds = manifest.TotalSeconds,
        PerClassCounts = new Dictionary<string, int>(manifest.ClipsPerClass),
        Problems = manifest.Problems,
        RegisteredAt = now,
    };
}
