using Csol.Learning.Data.Npy;
using Csol.Silo.Cli;
using Csol.Tests.Learning.Data.Media;
using Csol.Tests.Support;
using Xunit;

namespace Csol.Tests.Cli;

[Trait("Category", "host")]
public sealed class DatasetExtractCommandTests(TestMediaFixture media) : IClassFixture<TestMediaFixture>
{
    [Fact]
    public async Task Extract_SkipBad_ReportsTheBadVideoAndExtractsTheRest()
    {
        using var videos = TestPaths.NewTempDirectory("csol-cli-videos");
        using var output = TestPaths.NewTempDirectory("csol-cli-out");
        File.Copy(media.Tone25, Path.Combine(videos.Path, "good.mp4"));
        TestMedia.VideoWithoutAudio(videos.Path, "mute.mkv");

        var skipping =
            await CsolCommandLine.Create().Parse(["dataset", "extract", "--videos", videos.Path, "--out", output.Path, "--skip-bad"]).InvokeAsync();
        var strict = await CsolCommandLine.Create().Parse(["dataset", "extract", "--videos", videos.Path, "--out", output.Path]).InvokeAsync();

        Assert.Equal(0, skipping);
        Assert.Equal(1, strict);
        Assert.Equal([201, 64], NpyFile.ReadFloat32(Path.Combine(output.Path, "audio_frames", "good", "002.npy"), NpyFile.LogMelShape).Shape);
        Assert.False(Directory.Exists(Path.Combine(output.Path, "video_frames", "mute")));
    }

    [Fact]
    public async Task Extract_OnlyBadVideos_FailsEvenWhenSkipping()
    {
        using var videos = TestPaths.NewTempDirectory("csol-cli-videos");
        using var output = TestPaths.NewTempDirectory("csol-cli-out");
        TestMedia.CorruptVideo(videos.Path, "x.avi");

        var exit =
            await CsolCommandLine.Create().Parse(["dataset", "extract", "--videos", videos.Path, "--out", output.Path, "--skip-bad"]).InvokeAsync();

        Assert.Equal(1, exit);
    }
}
