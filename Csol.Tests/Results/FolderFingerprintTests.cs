using Csol.Silo.Datasets;
using Csol.Tests.Support;
using Xunit;

namespace Csol.Tests.Results;

[Trait("Category", "unit")]
[Collection(nameof(FolderFingerprintTests))] // its own collection: runs in parallel
public sealed class FolderFingerprintTests
{
    [Fact]
    public void Changes_with_a_files_size_name_or_time_and_not_otherwise()
    {
        using var folder = TestPaths.NewTempDirectory("csol-fingerprint");
        var file = Path.Combine(folder.Path, "sub", "a.npy");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, "abc");
        File.SetLastWriteTimeUtc(file, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        var first = FolderFingerprint.Of(folder.Path);
        var again = FolderFingerprint.Of(folder.Path);
        File.WriteAllText(file, "abcd");
        File.SetLastWriteTimeUtc(file, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var resized = FolderFingerprint.Of(folder.Path);
        File.SetLastWriteTimeUtc(file, new DateTime(2026, 1, 2, 0, 0, 0, DateTimeKind.Utc));
        var touched = FolderFingerprint.Of(folder.Path);
        File.Move(file, Path.Combine(folder.Path, "sub", "b.npy"));
        var renamed = FolderFingerprint.Of(folder.Path);

        Assert.Equal(first, again);
        Assert.Equal(4, new[] { first, resized, touched, renamed }.Distinct().Count());
    }
}
