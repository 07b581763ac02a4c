namespace Csol.Tests.Support;

/// <summary>The real annotation and split files of the reference release, in <c>shared/reference-data</c> beside the clone.</summary>
public static class ReferenceData
{
    public static string Root { get; } = Find();

    public static string Music(string name) => Path.Combine(Root, "music", name);

    public static string Split(string name) => Path.Combine(Root, "music", "splits", name);


    private static string Find()
    {
        var candidate = Path.GetFullPath(Path.Combine(TestPaths.RepoRoot, "..", "shared", "reference-data"));
        return Directory.Exists(candidate)
            ? candidate
            : throw new DirectoryNotFoundException(
                $"The reference data is missing: expected {candidate} (the 'shared' folder beside the repository clone).");
    }
}
