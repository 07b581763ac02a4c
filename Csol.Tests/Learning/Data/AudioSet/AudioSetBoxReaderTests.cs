using Csol.Learning.Data;
using Csol.Learning.Data.AudioSet;
using Csol.Tests.Support;
using Xunit;

namespace Csol.Tests.Learning.Data.AudioSet;

[Trait("Category", "unit")]
public sealed class AudioSetBoxReaderTests
{
    [Fact]
    public void Read_RealFile_MatchesTheSpecCounts()
    {
        var keys = AudioSetBoxReader.Read(ReferenceData.AudioSetBoxes);

        Assert.Equal(4_503, keys.Count);
        Assert.Equal(566, keys.Select(k => k.YouTubeId).Distinct().Count());
        Assert.Equal(30, keys.Count(k => !k.HasBoxes));
        Assert.All(keys, k => Assert.InRange(k.Boxes.Count, 0, 16));
    }

    [Fact]
    public void Read_CategoryOutOfRange_NamesFileAndKey()
    {
        var json = """{"abc/3": {"bbox": [{"category": 13, "normbox": [0, 0, 1, 1]}]}}""";

        var error = Assert.Throws<InvalidDataException>(() => AudioSetBoxReader.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json)), "a.json"));

        Assert.StartsWith("a.json: abc/3: 'category'", error.Message);
    }

    [Fact]
    public void Write_ThenRead_RoundTrips()
    {
        using var dir = TestPaths.NewTempDirectory("audioset");
        var path = Path.Combine(dir.Path, "b.json");
        AudioSetBoxAnnotation[] keys = [new("", "y/z", 7, [new AudioSetBox(4, new NormalizedBox(0.1, 0.2, 0.3, 0.4))]), new("", "q", 0, [])];

        AudioSetBoxWriter.Write(path, keys);
        var back = AudioSetBoxReader.Read(path);

        Assert.Equal(("y/z/7", "y/z", 7), (back[0].Key, back[0].YouTubeId, back[0].Second));
        Assert.Equal(keys[0].Boxes, back[0].Boxes);
        Assert.False(back[1].HasBoxes);
    }
}
