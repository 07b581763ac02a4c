namespace Csol.Tests.Support;

public static class TestPaths
{
    /// <summary>The repository root (the folder holding Csol.Platform.sln).</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string ExperimentsDirectory => Path.Combine(RepoRoot, "experiments");

    /// <summary>A fresh folder under the system temp directory, removed by the caller's <see cref="TempDirectory"/>.</summary>
    public static TempDirectory NewTempDirectory(string prefix) => new(Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}"));

    /// <summary>A TCP port nobody listens on right now (asked of the OS, so parallel runs do not collide).</summary>
    public static int FreePort() => Csol.Silo.Hosting.LoopbackPort.Free();

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Csol.Platform.sln")))
                return dir.FullName;
        throw new InvalidOperationException($"No Csol.Platform.sln above {AppContext.BaseDirectory}");
    }
}

public sealed class TempDirectory : IDisposable
{
    public TempDirectory(string path)
    {
        Path = path;
        Directory.CreateDirectory(path);
    }

    public string Path { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may hold a file a moment longer; a leftover temp folder is harmless.
        }
    }
}
