using Csol.Learning.Data;
using Csol.Learning.Data.Music;
using Csol.Learning.Data.Npy;
using Csol.Tests.Support;
using Xunit;

namespace Csol.Tests.Learning.Data.Music;

[Trait("Category", "unit")]
[Collection(nameof(MusicSyntheticReaderTests))] // its own collection: runs in parallel
public sealed class MusicSyntheticReaderTests
{
    [Fact]
    public void ReadBoxes_ReferenceFiveColumns_MapsDetectorIdsAndCountsAsSounding()
    {
        using var dir = TestPaths.NewTempDirectory("syn");
        var path = Path.Combine(dir.Path, "b.npy");
        NpyFile.Write(path, new NpyArray<double>([2, 5], [0, 0, 0.5, 0.5, 13, 0.5, 0.5, 0.5, 0.5, 11]));

        var boxes = MusicSyntheticReader.ReadBoxes(path);

        Assert.Equal([0, 9], boxes.Select(b => b.ClassIndex));
        Assert.All(boxes, b => Assert.True(b.Sounding));
    }

    [Fact]
    public void ReadBoxes_OurSixColumns_RoundTripThroughTheWriter()
    {
        using var dir = TestPaths.NewTempDirectory("syn");
        var path = Path.Combine(dir.Path, "b.npy");
        SyntheticBox[] boxes = [new(new NormalizedBox(0, 0, 0.5, 0.5), 4, true), new(new NormalizedBox(0.5, 0.5, 0.25, 0.5), 10, false)];

        MusicSyntheticWriter.WriteBoxes(path, boxes);

        Assert.Equal(boxes, MusicSyntheticReader.ReadBoxes(path));
    }

    [Fact]
    public void ReadBoxes_UnknownDetectorId_NamesFileAndRow()
    {
        using var dir = TestPaths.NewTempDirectory("syn");
        var path = Path.Combine(dir.Path, "b.npy");
        NpyFile.Write(path, new NpyArray<float>([1, 5], [0, 0, 1, 1, 4]));

        var error = Assert.Throws<InvalidDataException>(() => MusicSyntheticReader.ReadBoxes(path));

        Assert.StartsWith($"{path}: row 0: unknown detector category id 4", error.Message);
    }

    [Fact]
    public void ReadFolder_PairsBySortedName_AndRejectsCountMismatch()
    {
        using var dir = TestPaths.NewTempDirectory("syn");
        foreach (var sub in new[] { "audio", "video" })
            Directory.CreateDirectory(Path.Combine(dir.Path, sub));
        foreach (var name in new[] { "b", "a" })
        {
            File.WriteAllBytes(Path.Combine(dir.Path, "audio", name + ".npy"), []);
            File.WriteAllBytes(Path.Combine(dir.Path, "video", name + ".jpg"), []);
        }

        var samples = MusicSyntheticReader.ReadFolder(dir.Path);
        File.WriteAllBytes(Path.Combine(dir.Path, "video", "c.jpg"), []);
        var error = Assert.Throws<InvalidDataException>(() => MusicSyntheticReader.ReadFolder(dir.Path));

        Assert.Equal(["a.npy", "b.npy"], samples.Select(s => Path.GetFileName(s.AudioPath)));
        Assert.Null(samples[0].BoxPath);
        Assert.Contains("audio/ has 2 files, video/ 3", error.Message);
    }
}
