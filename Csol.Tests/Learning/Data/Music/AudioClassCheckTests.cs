using Csol.Learning.Data.Music;
using Csol.Learning.Data.Npy;
using Csol.Tests.Support;
using Xunit;

namespace Csol.Tests.Learning.Data.Music;

[Trait("Category", "unit")]
[Collection(nameof(AudioClassCheckTests))] // its own collection: runs in parallel
public sealed class AudioClassCheckTests
{
    [Fact]
    public void BandStatistics_MeanAndPopulationStdPerBand()
    {
        var logMel = new float[2, 64];
        (logMel[0, 0], logMel[1, 0]) = (1, 3);   // band 0: mean 2, std 1
        (logMel[0, 5], logMel[1, 5]) = (-4, -4); // band 5: mean -4, std 0

        var features = AudioClassCheck.BandStatistics(logMel);

        Assert.Equal(128, features.Length);
        Assert.Equal([2.0, 1.0], features[0..2]);
        Assert.Equal([-4.0, 0.0], features[10..12]);
        Assert.Equal([0.0, 0.0], features[2..4]);
    }

    [Fact]
    public void Run_ClassesLoudInDifferentBands_LabelsEveryTestClipRight()
    {
        using var temp = TestPaths.NewTempDirectory("audio-check");
        // cello is loud in the low bands, flute in the high ones; the test videos are other videos of each class.
        WriteFolder(temp.Path, new() { ["cello"] = ["c1", "c2", "c3"], ["flute"] = ["f1", "f2", "f3"] },
            train: ["c1", "c2", "f1", "f2"], test: ["c3", "f3"]);

        var result = AudioClassCheck.Run(temp.Path, "solo/train.txt", "solo/test.txt");

        Assert.Equal((8, 4, 2), (result.TrainClips, result.TestClips, result.Classes));
        Assert.Equal(1.0, result.Accuracy);
        Assert.Equal(0.5, result.Chance);
        Assert.Equal((2, 2), result.PerClass["flute"]);
    }

    [Fact]
    public void Run_TestVideoInNoClassList_ErrorNamesTheVideoAndTheFile()
    {
        using var temp = TestPaths.NewTempDirectory("audio-check");
        WriteFolder(temp.Path, new() { ["cello"] = ["c1"], ["flute"] = ["f1"] }, train: ["c1", "f1"], test: ["x9"]);

        var error = Assert.Throws<InvalidDataException>(() => AudioClassCheck.Run(temp.Path, "solo/train.txt", "solo/test.txt"));

        Assert.Contains("x9_0_1000", error.Message);
        Assert.Contains("MUSIC_solo_videos.json", error.Message);
    }

    private static void WriteFolder(string root, Dictionary<string, IReadOnlyList<string>> classes, string[] train, string[] test)
    {
        Directory.CreateDirectory(Path.Combine(root, "MUSIC_label"));
        MusicVideosWriter.Write(Path.Combine(root, "MUSIC_label", "MUSIC_solo_videos.json"), new MusicVideoList(1.0, classes));
        Directory.CreateDirectory(Path.Combine(root, "solo"));
        SplitListWriter.Write(Path.Combine(root, "solo", "train.txt"), train.Select(v => $"{v}_0_1000"));
        SplitListWriter.Write(Path.Combine(root, "solo", "test.txt"), test.Select(v => $"{v}_0_1000"));
        var random = new Random(3);
        foreach (var video in train.Concat(test))
        {
            var folder = Directory.CreateDirectory(Path.Combine(root, "audio_frames", $"{video}_0_1000")).FullName;
            var low = video.StartsWith('c');
            for (var second = 0; second < 2; second++)
            {
                var logMel = new float[201, 64];
                for (var t = 0; t < 201; t++)
                    for (var b = 0; b < 64; b++)
                        logMel[t, b] = (float)((low == b < 32 ? -10 : -60) + 5 * random.NextDouble());
                NpyFile.Write(Path.Combine(folder, $"{second:D3}.npy"), logMel);
            }
        }
    }
}
