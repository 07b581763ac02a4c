using Csol.Learning.Data.Music;
using Xunit;

namespace Csol.Tests.Learning.Data.Music;

[Trait("Category", "unit")]
[Collection(nameof(DetectorCategoriesTests))] // its own collection: runs in parallel
public sealed class DetectorCategoriesTests
{
    [Theory]
    [InlineData(13, "accordion")]
    [InlineData(3, "acoustic_guitar")]
    [InlineData(1, "cello")]
    [InlineData(12, "flute")]
    [InlineData(8, "saxophone")]
    [InlineData(10, "trumpet")]
    [InlineData(11, "violin")]
    public void ToClassIndex_MapsTheSpecIds_AndBack(int id, string name)
    {
        var index = DetectorCategories.ToClassIndex(id, "f", "k");

        Assert.Equal(name, MusicClasses.NameOf(index));
        Assert.Equal(id, DetectorCategories.ToDetectorId(index));
    }

    [Fact]
    public void ToClassIndex_UnknownId_NamesFileKeyAndId()
    {
        var error = Assert.Throws<InvalidDataException>(() => DetectorCategories.ToClassIndex(2, "solotest.json", "a/frame_001/00007.jpg"));

        Assert.Equal("solotest.json: a/frame_001/00007.jpg: unknown detector category id 2 (known: 1, 3, 8, 10, 11, 12, 13)", error.Message);
    }

    [Fact]
    public void YouTubeId_StripsTheClipSuffix_Only()
    {
        Assert.Equal("-_-TDDxoaAc", MusicVideoNames.YouTubeId("-_-TDDxoaAc_0_1000"));
        Assert.Equal("a_b", MusicVideoNames.YouTubeId("a_b"));
    }
}
