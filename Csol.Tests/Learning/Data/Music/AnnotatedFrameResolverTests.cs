using Csol.Learning.Data.Music;
using Csol.Tests.Support;
using Xunit;

namespace Csol.Tests.Learning.Data.Music;

[Trait("Category", "unit")]
[Collection(nameof(AnnotatedFrameResolverTests))] // its own collection: runs in parallel
public sealed class AnnotatedFrameResolverTests
{
    private static readonly FrameAnnotation Annotation = new("v_0_1000/frame_002/00074.jpg", "v_0_1000", 2, 74, 10, 10, []);

    [Fact]
    public void Resolve_KeyWithNoFrame_NamesAnnotationFileAndKey()
    {
        using var dir = TestPaths.NewTempDirectory("resolve");

        var error = Assert.Throws<FileNotFoundException>(() =>
            AnnotatedFrameResolver.Resolve([Annotation], "solotest.json", dir.Path, nearestInSecond: false, skipBad: false, []));

        Assert.StartsWith("solotest.json: v_0_1000/frame_002/00074.jpg: no frame on disk", error.Message);
    }

    [Fact]
    public void Resolve_SkipBad_RecordsTheProblem()
    {
        using var dir = TestPaths.NewTempDirectory("resolve");
        var problems = new List<string>();

        var resolved = AnnotatedFrameResolver.Resolve([Annotation], "solotest.json", dir.Path, false, skipBad: true, problems);

        Assert.Empty(resolved);
        Assert.Single(problems);
    }

    [Fact]
    public void Resolve_Nearest_PicksTheClosestFrameOfTheSecond()
    {
        using var dir = TestPaths.NewTempDirectory("resolve");
        var folder = Directory.CreateDirectory(Path.Combine(dir.Path, "v_0_1000", "frame_002")).FullName;
        foreach (var n in new[] { 50, 56, 62, 68, 80 })
            File.WriteAllBytes(Path.Combine(folder, $"{n:D5}.jpg"), [0]);

        var resolved = AnnotatedFrameResolver.Resolve([Annotation], "s.json", dir.Path, nearestInSecond: true, skipBad: false, []);

        Assert.Equal(Path.Combine(folder, "00068.jpg"), resolved[0].FramePath);
    }
}
