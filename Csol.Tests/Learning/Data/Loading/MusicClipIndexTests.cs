using Csol.Learning.Data.Loading;
using Csol.Tests.Support;
using Xunit;

namespace Csol.Tests.Learning.Data.Loading;

[Trait("Category", "unit")]
[Collection(nameof(MusicClipIndexTests))] // its own collection: runs in parallel
public sealed class MusicClipIndexTests
{
    [Fact]
    public void Build_PairsSecondsWithBothFramesAndAudio_AndReportsTheRest()
    {
        using var dir = TestPaths.NewTempDirectory("index");
        var videos = MusicLayoutGenerator.Write(dir.Path, videos: 2, seconds: 3, framesPerSecond: 2, width: 32, height: 24);
        File.Delete(Path.Combine(dir.Path, "audio_frames", videos[0], "001.npy"));
        Directory.Delete(Path.Combine(dir.Path, "video_frames", videos[1], "frame_002"), recursive: true);

        var index = MusicClipIndex.Build(dir.Path, [.. videos, "absent_0_1000"]);

        Assert.Equal(4, index.Clips.Count);
        Assert.Equal(["00000.jpg", "00007.jpg"], index.Clips[0].Frames.Select(Path.GetFileName));
        Assert.Equal(3, index.Problems.Count);
        Assert.Contains(index.Problems, p => p.StartsWith($"{videos[0]} second 1: missing", StringComparison.Ordinal) && p.Contains("001.npy"));
        Assert.Contains(index.Problems, p => p.StartsWith($"{videos[1]} second 2: missing", StringComparison.Ordinal) && p.Contains("frame_002"));
        Assert.Contains(index.Problems, p => p.StartsWith("absent_0_1000: no frames", StringComparison.Ordinal));
    }
}
