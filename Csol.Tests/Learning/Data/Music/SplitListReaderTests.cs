using Csol.Learning.Data.Music;
using Csol.Tests.Support;
using Xunit;

namespace Csol.Tests.Learning.Data.Music;

[Trait("Category", "unit")]
[Collection(nameof(SplitListReaderTests))] // its own collection: runs in parallel
public sealed class SplitListReaderTests
{
    [Theory]
    [InlineData("solo_training_1.txt", 217)]
    [InlineData("solo_training_2.txt", 223)]
    [InlineData("solo_validation.txt", 49)]
    [InlineData("solo_testing.txt", 27)]
    [InlineData("solo_pairs.txt", 489)]
    // The spec's 123 and 16 are `wc -l` counts: both duet files lack a final newline, so each holds one more video.
    [InlineData("duet_pairs_train.txt", 124)]
    [InlineData("duet_pairs_val.txt", 17)]
    public void Read_RealSplit_HasTheSpecCount(string file, int count)
    {
        var ids = SplitListReader.Read(ReferenceData.Split(file));

        Assert.Equal(count, ids.Count);
        Assert.Equal(count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.EndsWith("_0_1000", id));
    }

    [Fact]
    public void Read_MalformedLine_NamesFileAndLine()
    {
        using var dir = TestPaths.NewTempDirectory("split");
        var path = Path.Combine(dir.Path, "bad.txt");
        File.WriteAllText(path, "a_0_1000.flac a_0_1000.mp4\r\nb_0_1000.flac c_0_1000.mp4\r\n");

        var error = Assert.Throws<InvalidDataException>(() => SplitListReader.Read(path));

        Assert.StartsWith($"{path}:2:", error.Message);
    }

    [Fact]
    public void Write_ThenRead_RoundTrips()
    {
        using var dir = TestPaths.NewTempDirectory("split");
        var path = Path.Combine(dir.Path, "s.txt");

        SplitListWriter.Write(path, ["x_0_1000", "-y_0_1000"]);

        Assert.Equal(["x_0_1000", "-y_0_1000"], SplitListReader.Read(path));
        Assert.Equal("x_0_1000.flac x_0_1000.mp4\n-y_0_1000.flac -y_0_1000.mp4\n", File.ReadAllText(path));
    }
}
