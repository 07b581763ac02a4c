using System.Security.Cryptography;
using System.Text;

namespace Csol.Silo.Datasets;

/// <summary>A cheap stand-in for a folder's content hash: every file's relative path, size and modification time
/// (stat only, no reads). Equal fingerprints let a run reuse the content hash computed before instead of reading a
/// large dataset again inside an experiment's finishing call, the quick check rsync makes too.</summary>
public static class FolderFingerprint
{
    public static string Of(string root)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in new DirectoryInfo(root).EnumerateFiles("*", SearchOption.AllDirectories)
                     .Select(f => (Relative: Path.GetRelativePath(root, f.FullName), f.Length, f.LastWriteTimeUtc.Ticks))
                     .OrderBy(f => f.Relative, StringComparer.Ordinal))
            hash.AppendData(Encoding.UTF8.GetBytes($"{file.Relative}\0{file.Length}\0{file.Ticks}\n"));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
