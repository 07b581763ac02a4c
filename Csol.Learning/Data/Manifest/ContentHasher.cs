using System.Security.Cryptography;
using System.Text;

namespace Csol.Learning.Data.Manifest;

/// <summary>
/// SHA-256 of a folder: for each file in ordinal order of its '/'-separated relative path, the path, a NUL, the length
/// (8 bytes LE) and the bytes, streamed. Names and contents both count, and moving bytes between files changes the hash.
/// A <c>manifest.json</c> at the root is left out: it records this hash, so it cannot be part of it.
/// </summary>
public static class ContentHasher
{
    public static (string Hash, long Files, long Bytes) Hash(string root)
    {
        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => (Full: f, Relative: Path.GetRelativePath(root, f).Replace('\\', '/')))
            .Where(f => f.Relative != DatasetManifestJson.FileName)
            .OrderBy(f => f.Relative, StringComparer.Ordinal)
            .ToArray();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        long bytes = 0;
        foreach (var (full, relative) in files)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(relative));
            hash.AppendData([0]);
            using var stream = File.OpenRead(full);
            hash.AppendData(BitConverter.GetBytes(stream.Length));
            int read;
            while ((read = stream.Read(buffer)) > 0)
            {
                hash.AppendData(buffer.AsSpan(0, read));
                bytes += read;
            }
        }
        return (Convert.ToHexStringLower(hash.GetHashAndReset()), files.Length, bytes);
    }
}
