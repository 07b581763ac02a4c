using Csol.Silo.Hosting;
using Microsoft.Extensions.Options;

namespace Csol.Silo.Datasets;

/// <summary>Confines user paths to the configured data roots (<c>Csol:DataRoots</c>). Paths are resolved through every
/// symbolic link before the check, so a link inside a root that points outside it is refused like <c>..</c> is.</summary>
public sealed class DataRoots(IOptions<CsolOptions> options)
{
    private const int MaxLinkDepth = 40;

    /// <summary>The roots as configured, made absolute.</summary>
    public IReadOnlyList<string> Configured => options.Value.DataRootPaths;

    /// <summary>Resolves a user path (relative: against each root in turn, first existing wins; absolute: as is) to
    /// its real absolute path under a root.</summary>
    /// <exception cref="ArgumentException">The path has <c>..</c>, or resolves outside every root, naming path and roots.</exception>
    public (string RealPath, string Root) Resolve(string userPath)
    {
        if (string.IsNullOrWhiteSpace(userPath))
            throw new ArgumentException($"A path is required; data roots are {Describe()}.", nameof(userPath));
        if (userPath.Replace('\\', '/').Split('/').Contains(".."))
            throw new ArgumentException($"{userPath}: \"..\" is not allowed in dataset paths; data roots are {Describe()}.", nameof(userPath));
        var candidates = Path.IsPathRooted(userPath)
            ? [Path.GetFullPath(userPath)]
            : Configured.Select(r => Path.GetFullPath(userPath, r)).ToArray();
        var existing = candidates.FirstOrDefault(c => Directory.Exists(c) || File.Exists(c)) ?? candidates[0];
        var real = RealPath(existing);
        return Within(real) is { } root
            ? (real, root)
            : throw new ArgumentException($"{userPath}: resolves to {real}, outside the data roots {Describe()}.", nameof(userPath));
    }

    /// <summary>The real root containing <paramref name="absolutePath"/> (after resolving links), or null.</summary>
    public string? Within(string absolutePath)
    {
        var real = RealPath(absolutePath);
        foreach (var root in Configured.Select(r => RealPath(r)))
            if (real == root || real.StartsWith(root.EndsWith('/') ? root : root + "/", StringComparison.Ordinal))
                return root;
        return null;
    }

    /// <summary>The path with every symbolic link along it replaced by its final target (missing tails kept as written).</summary>
    public static string RealPath(string path) => RealPath(Path.GetFullPath(path), 0);

    private static string RealPath(string full, int depth)
    {
        if (depth > MaxLinkDepth)
            throw new IOException($"{full}: too many levels of symbolic links");
        var root = Path.GetPathRoot(full) ?? "/";
        var current = root;
        foreach (var part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(current, part);
            FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            if (info.LinkTarget is not null)
            {
                var target = info.ResolveLinkTarget(returnFinalTarget: true);
                next = target is null ? next : RealPath(Path.GetFullPath(target.FullName), depth + 1);
            }
            current = next;
        }
        return current;
    }

    private string Describe() => string.Join(", ", Configured);
}
