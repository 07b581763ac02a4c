using Csol.Learning.Data.Music;
using Csol.Tests.Support;
using Xunit;

namespace Csol.Tests.Learning.Data.Music;

[Trait("Category", "unit")]
[Collection(nameof(MusicVideosReaderTests))] // its own collection: runs in parallel
public sealed class MusicVideosReaderTests
{
    [Fact]
    public void Read_SoloList_Has536IdsIn11SortedClasses()
    {
        var list = MusicVideosReader.Read(ReferenceData.Music("MUSIC_solo_videos.json"));

        Assert.Equal(536, list.VideoCount);
        Assert.Equal(MusicClasses.Names, list.Groups.Keys.Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(["accordion", "acoustic_guitar", "cello", "clarinet", "erhu", "flute", "saxophone", "trumpet", "tuba", "violin", "xylophone"],
            MusicClasses.Names);
    }

    [Fact]
    public void Read_DuetList_Has149IdsIn9Pairs()
    {
        var list = MusicVideosReader.Read(ReferenceData.Music("MUSIC_duet_videos.json"));

        Assert.Equal(149, list.VideoCount);
        Assert.Equal(9, list.Groups.Count);
        Assert.All(list.Groups.Keys, g => Assert.Equal(2, MusicVideoList.ClassesOf(g, "test").Count));
    }

    [Fact]
    public void Read_UnknownClass_NamesFileAndClass()
    {
        using var dir = TestPaths.NewTempDirectory("videos");
        var path = Path.Combine(dir.Path, "v.json");
        File.WriteAllText(path, """{"version": 1.0, "videos": {"banjo": ["abc"]}}""");

        var error = Assert.Throws<InvalidDataException>(() => MusicVideosReader.Read(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("banjo", error.Message);
    }

    [Fact]
    public void Write_ThenRead_RoundTrips()
    {
        using var dir = TestPaths.NewTempDirectory("videos");
        var path = Path.Combine(dir.Path, "v.json");
        var list = new MusicVideoList(1.0, new Dictionary<string, IReadOnlyList<string>> { ["cello"] = ["a", "b"], ["flute violin"] = ["c"] });

        MusicVideosWriter.Write(path, list);
        var back = MusicVideosReader.Read(path);

        Assert.Equal(["a", "b"], back.Groups["cello"]);
        Assert.Equal([5, 9], back.ClassesByVideo("t")["c"]);
    }
}
