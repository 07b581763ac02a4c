using Csol.Learning.Data.Media;
using Csol.Tests.Support;
using Xunit;

namespace Csol.Tests.Learning.Data.Media;

[Trait("Category", "host")]
public sealed class FfmpegRunnerTests
{
    [Fact]
    public async Task RunAsync_ToolMissing_SaysHowToInstallIt()
    {
        using var empty = TestPaths.NewTempDirectory("csol-nopath");
        var runner = new FfmpegRunner(empty.Path);

        var e = await Assert.ThrowsAsync<FfmpegNotFoundException>(() => runner.RunAsync("ffmpeg", ["-version"]));

        Assert.Equal("ffmpeg not found; install Debian's ffmpeg (setup.sh does)", e.Message);
    }

    [Fact]
    public async Task RunAsync_Failure_CarriesStderr()
    {
        var e = await Assert.ThrowsAsync<FfmpegException>(() => new FfmpegRunner().RunAsync("ffprobe", ["-v", "error", "/nonexistent/x.mp4"]));

        Assert.StartsWith("ffprobe failed (exit code 1): ", e.Message);
        Assert.Contains("No such file or directory", e.Message);
    }

    [Fact]
    public async Task RunAsync_Cancelled_Throws()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new FfmpegRunner().RunAsync("ffmpeg",
            ["-nostdin", "-v", "error", "-re", "-f", "lavfi", "-i", "sine=duration=30", "-f", "null", "-"], cts.Token));
    }

    [Fact]
    public async Task AudioDecoder_WavAt16k_GivesItsSamples()
    {
        using var dir = TestPaths.NewTempDirectory("csol-dec");
        var path = Path.Combine(dir.Path, "a.wav");
        var samples = Enumerable.Range(0, 16000).Select(i => (float)(0.5 * Math.Sin(i * 0.05))).ToArray();
        WavWriter.Write(path, new WavAudio(16000, 1, samples), asFloat32: true);

        var decoded = await new AudioDecoder(new FfmpegRunner()).DecodeAsync(path);

        Assert.Equal(samples, decoded);
    }
}
