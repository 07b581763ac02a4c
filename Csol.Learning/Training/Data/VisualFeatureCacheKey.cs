using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Csol.Learning.Models;
using static TorchSharp.torch;

namespace Csol.Learning.Training.Data;

/// <summary>What cached features depend on, hashed (SHA-256, hex): the frames (path, length, last write), the frame side,
/// the transform, and the trunk's weights and BatchNorm statistics. Any change gives another key, so a cache computed
/// for other frames, another size or other weights is never read.</summary>
public static class VisualFeatureCacheKey
{
    /// <summary>Bump when the transform or the row layout changes.</summary>
    public const string Transform = "eval-resize+hflip/v1";

    public static string Of(IReadOnlyList<string> frames, int size, ResNet18Backbone trunk)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Append(hash, $"{Transform}\n{size}\n{frames.Count}\n");
        foreach (var frame in frames)
        {
            var info = new FileInfo(frame);
            Append(hash, string.Create(CultureInfo.InvariantCulture, $"{info.FullName}\0{info.Length}\0{info.LastWriteTimeUtc.Ticks}\n"));
        }
        foreach (var (name, value) in trunk.state_dict().OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            Append(hash, name);
            using var values = value.detach().to(ScalarType.Float64).cpu().contiguous();
            hash.AppendData(MemoryMarshal.AsBytes(values.data<double>().ToArray().AsSpan()));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void Append(IncrementalHash hash, string text) => hash.AppendData(Encoding.UTF8.GetBytes(text));
}
