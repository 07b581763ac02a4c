using Csol.Learning.Data.Music;
using Csol.Tests.Support;
using Xunit;

namespace Csol.Tests.Learning.Data.Music;

[Trait("Category", "unit")]
[Collection(nameof(ClassSpaceTests))] // its own collection: runs in parallel
public sealed class ClassSpaceTests
{
    [Fact]
    public void Music_IsTheSortedElevenClasses_WithTheSevenDetectorIds()
    {
        Assert.Equal(11, ClassSpace.Music.Count);
        Assert.Equal(ClassSpace.Music.Names.Order(StringComparer.Ordinal), ClassSpace.Music.Names);
        Assert.Equal([1, 3, 8, 10, 11, 12, 13], ClassSpace.Music.CategoryIds);
        Assert.Equal("cello", ClassSpace.Music.NameOf(ClassSpace.Music.ToClassIndex(1, "f", "k")));
    }

    [Fact]
    public void WriteThenLoad_RoundTrips_AndIgnoresExtraFields()
    {
        using var dir = TestPaths.NewTempDirectory("classes");
        var path = Path.Combine(dir.Path, ClassSpace.CategoriesFile);
        var space = new ClassSpace(["cello", "harp", "zither"], new Dictionary<int, int> { [1] = 0, [102] = 1 });

        ClassSpaceFile.Write(path, space, (json, label) => json.WriteNumber("gm_program", label));
        var loaded = ClassSpace.Load(path);

        Assert.Equal(space, loaded);
        Assert.Equal(space, ClassSpace.ForFolder(dir.Path));
        Assert.Equal(ClassSpace.Music, ClassSpace.ForFolder(Path.Combine(dir.Path, "nowhere")));
        Assert.Throws<ArgumentException>(() => loaded.ToCategoryId(2));
    }

    [Fact]
    public void UnknownId_NamesFileKeyAndId()
    {
        var space = new ClassSpace(["cello", "harp"], new Dictionary<int, int> { [1] = 0, [102] = 1 });

        var error = Assert.Throws<InvalidDataException>(() => space.ToClassIndex(7, "solotest.json", "v/frame_000/00000.jpg"));

        Assert.Equal("solotest.json: v/frame_000/00000.jpg: unknown detector category id 7 (known: 1, 102)", error.Message);
    }

    [Fact]
    public void Load_LabelNotItsPosition_IsAnErrorNamingTheFile()
    {
        using var dir = TestPaths.NewTempDirectory("classes");
        var path = Path.Combine(dir.Path, ClassSpace.CategoriesFile);
        File.WriteAllText(path, """[{"name": "cello", "label": 1, "category_id": 1}]""");

        var error = Assert.Throws<InvalidDataException>(() => ClassSpace.Load(path));

        Assert.StartsWith($"{path}: entry 0 (cello): 'label' must equal its position 0", error.Message);
    }
}
