using Csol.Learning.Data.Music;
using Csol.Learning.Evaluation;
using Csol.Tests.Support;
using Xunit;

namespace Csol.Tests.Learning.Evaluation;

[Trait("Category", "unit")]
[Collection(nameof(PerClassBreakdownTests))] // its own collection: runs in parallel
public sealed class PerClassBreakdownTests
{
    [Fact]
    public void Score_GroupsFramesByTheirVideosClass_WithHandComputedMetrics()
    {
        using var temp = TestPaths.NewTempDirectory("per-class");
        var csv = WriteRun(temp.Path,
            "key,ciou,pointing",
            "c1_0_1000/frame_000/00000.jpg,0.6,1",
            "c1_0_1000/frame_001/00030.jpg,0.2,0",
            "f1_0_1000/frame_000/00000.jpg,0.9,1");

        var scores = PerClassBreakdown.Score(csv, temp.Path, new Dictionary<string, IReadOnlyList<string>> { ["both"] = ["cello", "flute"] });

        var cello = Assert.Single(scores.Classes, c => c.Class == "cello");
        Assert.Equal((2, 0.5, 0.5), (cello.Frames, cello.IoUAt05, cello.Pointing));
        // r(t) = 1 for t ≤ 0.2, ½ for 0.2 < t ≤ 0.6, 0 above: 4·0.05 + 0.0375 + 7·0.025 + 0.0125 = 0.425.
        Assert.Equal(0.425, cello.Auc, 10);
        var flute = Assert.Single(scores.Classes, c => c.Class == "flute");
        Assert.Equal((1, 1.0, 1.0), (flute.Frames, flute.IoUAt05, flute.Pointing));
        var both = Assert.Single(scores.Groups);
        Assert.Equal((3, 2.0 / 3, 2.0 / 3), (both.Frames, both.IoUAt05, both.Pointing));
    }

    [Fact]
    public void Score_FrameOfAnUnlistedVideo_ErrorNamesTheFrameAndTheClassList()
    {
        using var temp = TestPaths.NewTempDirectory("per-class");
        var csv = WriteRun(temp.Path, "key,ciou,pointing", "zz_0_1000/frame_000/00000.jpg,0.5,1");

        var error = Assert.Throws<InvalidDataException>(() => PerClassBreakdown.Score(csv, temp.Path));

        Assert.Contains("zz_0_1000/frame_000/00000.jpg", error.Message);
        Assert.Contains("MUSIC_solo_videos.json", error.Message);
    }

    [Fact]
    public void Score_BadRowOrUnknownGroupClass_SpecificErrors()
    {
        using var temp = TestPaths.NewTempDirectory("per-class");
        var bad = WriteRun(temp.Path, "key,ciou,pointing", "c1_0_1000/frame_000/00000.jpg,high,1");
        var error = Assert.Throws<InvalidDataException>(() => PerClassBreakdown.Score(bad, temp.Path));
        Assert.Contains(":2:", error.Message);

        var good = WriteRun(temp.Path, "key,ciou,pointing", "c1_0_1000/frame_000/00000.jpg,0.5,1");
        var group = Assert.Throws<ArgumentException>(() => PerClassBreakdown.Score(good, temp.Path,
            new Dictionary<string, IReadOnlyList<string>> { ["g"] = ["cello", "banjo"] }));
        Assert.Contains("banjo", group.Message);
    }

    private static string WriteRun(string root, params string[] lines)
    {
        Directory.CreateDirectory(Path.Combine(root, "MUSIC_label"));
        MusicVideosWriter.Write(Path.Combine(root, "MUSIC_label", "MUSIC_solo_videos.json"),
            new MusicVideoList(1.0, new Dictionary<string, IReadOnlyList<string>> { ["cello"] = ["c1"], ["flute"] = ["f1"] }));
        var path = Path.Combine(root, "model.csv");
        File.WriteAllLines(path, lines);
        return path;
    }
}
