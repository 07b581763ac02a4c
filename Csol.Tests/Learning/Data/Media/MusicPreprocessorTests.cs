using Csol.Learning.Data.Audio;
using Csol.Learning.Data.Media;
using Csol.Learning.Data.Npy;
using Csol.Tests.Support;
using SkiaSharp;
using Xunit;

namespace Csol.Tests.Learning.Data.Media;

[Trait("Category", "host")]
public sealed class MusicPreprocessorTests(TestMediaFixture media) : IClassFixture<TestMediaFixture>, IDisposable
{
    private static readonly string[][] ExpectedNames =
    [
        ["00000.jpg", "00007.jpg", "00014.jpg", "00021.jpg"],
        ["00030.jpg", "00037.jpg", "00044.jpg", "00051.jpg"],
        ["00060.jpg", "00067.jpg", "00074.jpg", "00081.jpg"],
    ];

    private readonly TempDirectory _out = TestPaths.NewTempDirectory("csol-extract");
    private readonly MusicPreprocessor _preprocessor = new(new FfmpegRunner());

    public void Dispose() => _out.Dispose();

    [Theory]
    [InlineData("tone25")]
    [InlineData("tone30")]
    public async Task ExtractVideo_WritesMusicLayoutWith30FpsNamesWhateverTheRate(string video)
    {
        var path = video == "tone25" ? media.Tone25 : media.Tone30;

        var result = await _preprocessor.ExtractVideoAsync(path, _out.Path);

        Assert.Equal(new VideoExtraction(video, 3, 12, false), result);
        var frames = Path.Combine(_out.Path, "video_frames", video);
        Assert.Equal(["frame_000", "frame_001", "frame_002"], Directory.GetDirectories(frames).Select(Path.GetFileName).Order());
        for (var s = 0; s < 3; s++)
            Assert.Equal(ExpectedNames[s], Directory.GetFiles(Path.Combine(frames, $"frame_{s:000}")).Select(Path.GetFileName).Order());
        Assert.Equal(12, Directory.GetFiles(frames, "*.jpg", SearchOption.AllDirectories).Length);
        using (var jpeg = SKBitmap.Decode(Path.Combine(frames, "frame_002", "00081.jpg")))
            Assert.Equal((160, 120), (jpeg.Width, jpeg.Height));
        Assert.Equal(["000.npy", "001.npy", "002.npy"],
            Directory.GetFiles(Path.Combine(_out.Path, "audio_frames", video)).Select(Path.GetFileName).Order());
        Assert.False(Directory.Exists(Path.Combine(_out.Path, ".partial")));
    }

    [Fact]
    public async Task ExtractVideo_ToneOf440Hz_IsLoudestInTheBandsAround440Hz()
    {
        await _preprocessor.ExtractVideoAsync(media.Tone25, _out.Path);
        var logMel = NpyFile.ReadFloat32Matrix(Path.Combine(_out.Path, "audio_frames", "tone25", "001.npy"), 201, 64);

        var bank = new LogMelExtractor().Filterbank;
        var loudest = Enumerable.Range(0, 64).MaxBy(m => Enumerable.Range(0, 201).Average(t => logMel[t, m]));

        // 440 Hz lies between FFT bins 4 (400 Hz) and 5 (500 Hz); the loudest band must be one that covers them.
        Assert.True(bank.Weight(loudest, 4) > 0 || bank.Weight(loudest, 5) > 0, $"loudest band {loudest}");
    }

    [Fact]
    public async Task ExtractVideo_25Fps_TakesTheFrameShownAt7Over30OfASecond()
    {
        using var dir = TestPaths.NewTempDirectory("csol-coded");
        var path = TestMedia.IndexCodedVideo(dir.Path, "coded.avi", 25);

        await _preprocessor.ExtractVideoAsync(path, _out.Path);

        // Frames 0, 5, 11, 17 of each second (FramePlan) carry video-range luma 8·n + 16, i.e. grey 8·n·255/219 in
        // full-range RGB; neighbouring frames differ by 9.3 grey levels, so ±4 tells them apart.
        var second = Path.Combine(_out.Path, "video_frames", "coded", "frame_001");
        var greys = new[] { "00030", "00037", "00044", "00051" }.Select(n => MeanGrey(Path.Combine(second, $"{n}.jpg"))).ToArray();
        int[] sources = [0, 5, 11, 17];
        Assert.All(sources.Zip(greys), x => Assert.InRange(x.Second, 8.0 * x.First * 255 / 219 - 4, 8.0 * x.First * 255 / 219 + 4));
    }

    [Fact]
    public async Task ExtractVideo_LongNtscVideo_KeepsEveryPlannedFrame()
    {
        // 75 s at 29.97 fps: long enough that a frame-list select expression (our first version) broke ffmpeg.
        using var dir = TestPaths.NewTempDirectory("csol-long");
        var path = TestMedia.IndexCodedVideo(dir.Path, "long.avi", 30, seconds: 75, rate: "30000/1001");

        var result = await _preprocessor.ExtractVideoAsync(path, _out.Path);

        Assert.Equal(75, result.Seconds); // ffmpeg makes ceil(75 · 29.97) = 2248 frames; floor(2248 / 29.97) = 75
        Assert.True(File.Exists(Path.Combine(_out.Path, "video_frames", "long", "frame_074", $"{30 * 74 + 21:00000}.jpg")));
        Assert.Equal(4 * 75, Directory.GetFiles(Path.Combine(_out.Path, "video_frames", "long"), "*.jpg", SearchOption.AllDirectories).Length);
    }

    [Fact]
    public async Task ExtractVideo_BadInputs_NameTheFileAndTheProblem()
    {
        using var dir = TestPaths.NewTempDirectory("csol-bad");
        var cases = new (string Path, string Problem)[]
        {
            (TestMedia.VideoWithoutAudio(dir.Path, "mute.mp4"), "no audio stream"),
            (TestMedia.SilentVideo(dir.Path, "silent.mp4"), "audio is silent"),
            (TestMedia.ShortAudioVideo(dir.Path, "short.mp4"), "missing second: audio second 001 is incomplete or absent (video has 3 whole seconds"),
            (TestMedia.CorruptVideo(dir.Path, "corrupt.mp4"), "cannot be decoded: ffprobe failed"),
        };

        foreach (var (path, problem) in cases)
        {
            var e = await Assert.ThrowsAsync<BadVideoException>(() => _preprocessor.ExtractVideoAsync(path, _out.Path));
            Assert.StartsWith($"{path}: {problem}", e.Message);
        }
        Assert.Empty(Directory.EnumerateFileSystemEntries(_out.Path));
    }

    [Fact]
    public async Task ExtractAll_StopsAtTheFirstBadVideoUnlessSkipping()
    {
        using var videos = TestPaths.NewTempDirectory("csol-videos");
        File.Copy(media.Tone25, Path.Combine(videos.Path, "a.mp4"));
        TestMedia.SilentVideo(videos.Path, "b.mp4");
        File.Copy(media.Tone30, Path.Combine(videos.Path, "c.mkv"));

        var stopped = await _preprocessor.ExtractAllAsync(videos.Path, _out.Path, skipBad: false);
        var skipped = await _preprocessor.ExtractAllAsync(videos.Path, _out.Path, skipBad: true);

        Assert.True(stopped.Stopped);
        Assert.Equal(["a"], stopped.Extracted.Select(v => v.Name));
        Assert.Equal([("a", true), ("c", false)], skipped.Extracted.Select(v => (v.Name, v.AlreadyExtracted)));
        Assert.Equal([Path.Combine(videos.Path, "b.mp4")], skipped.Bad.Select(b => b.Path));
    }

    private static double MeanGrey(string jpeg)
    {
        using var bitmap = SKBitmap.Decode(jpeg);
        return bitmap.Pixels.Average(p => (p.Red + p.Green + p.Blue) / 3.0);
    }
}
