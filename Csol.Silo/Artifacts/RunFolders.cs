using Csol.Silo.Hosting;
using Microsoft.Extensions.Options;

namespace Csol.Silo.Artifacts;

/// <summary>Where runs write (<c>{DataDirectory}/runs/{id:N}</c>) and the one check that a requested file stays inside.</summary>
public sealed class RunFolders(IOptions<CsolOptions> options)
{
    public string RunDirectory(Guid experimentId) => Of(options.Value.DataPath, experimentId);

    /// <summary>The one place the run-folder layout is written down; for callers holding the data path only.</summary>
    public static string Of(string dataPath, Guid experimentId) => Path.Combine(dataPath, "runs", experimentId.ToString("N"));

    /// <summary>The full path of <paramref name="relativePath"/> inside the run's folder, or null when it would leave it
    /// (<c>..</c>, an absolute path, a link pointing out) or names no file.</summary>
    public string? Resolve(Guid experimentId, string relativePath)
    {
        var root = Path.GetFullPath(RunDirectory(experimentId)) + Path.DirectorySeparatorChar;
        if (relativePath.Length == 0 || Path.IsPathRooted(relativePath) || relativePath.Contains('\0'))
            return null;
        var full = Path.GetFullPath(Path.Combine(root, relativePath));
        if (!full.StartsWith(root, StringComparison.Ordinal) || !File.Exists(full))
            return null;
        // A symbolic link inside the folder must not lead out of it.
        var target = new FileInfo(full).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? full;
        return target.StartsWith(root, StringComparison.Ordinal) ? full : null;
    }

    /// <summary>The address the run file is served at (relative to the site root).</summary>
    public static string Url(Guid experimentId, string relativePath) => $"api/experiments/{experimentId}/files/{relativePath}";
}
