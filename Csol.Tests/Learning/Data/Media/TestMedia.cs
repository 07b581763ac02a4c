using System.Diagnostics;
using Csol.Tests.Support;

namespace Csol.Tests.Learning.Data.Media;

/// <summary>Makes small media files with the system ffmpeg (lavfi test sources), for the extraction tests.</summary>
public static class TestMedia
{
    /// <summary>A 160×120 test-pattern video at <paramref name="fps"/> with a 440 Hz tone, both 3 s long.</summary>
    public static string ToneVideo(string dir, string name, int fps, double seconds = 3) => Make(dir, name,
        "-f", "lavfi", "-i", $"testsrc=size=160x120:rate={fps}", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100",
        "-t", $"{seconds}", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac");

    /// <summary>A video whose frame n has luma 8·(n mod fps) + 16, so a JPEG says which in-second frame it came from.</summary>
    public static string IndexCodedVideo(string dir, string name, int fps, int seconds = 2, string rate = "") => Make(dir, name,
        "-f", "lavfi", "-i", $"nullsrc=size=64x48:rate={(rate == "" ? fps.ToString() : rate)},geq=lum='8*mod(N,{fps})+16':cb=128:cr=128",
        "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=16000", "-t", $"{seconds}", "-c:v", "mjpeg", "-q:v", "1", "-c:a", "pcm_s16le");

    public static string VideoWithoutAudio(string dir, string name) => Make(dir, name,
        "-f", "lavfi", "-i", "testsrc=size=160x120:rate=25", "-t", "3", "-c:v", "libx264", "-pix_fmt", "yuv420p");

    public static string SilentVideo(string dir, string name) => Make(dir, name,
        "-f", "lavfi", "-i", "testsrc=size=160x120:rate=25", "-f", "lavfi", "-i", "anullsrc=sample_rate=44100:channel_layout=mono",
        "-t", "3", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac");

    /// <summary>3 s of video muxed with only 1.5 s of audio: frames exist for second 001, audio does not.</summary>
    public static string ShortAudioVideo(string dir, string name) => Make(dir, name,
        "-f", "lavfi", "-t", "3", "-i", "testsrc=size=160x120:rate=25", "-f", "lavfi", "-t", "1.5", "-i", "sine=frequency=440:sample_rate=44100",
        "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac");

    /// <summary>An mp4 name holding bytes no demuxer accepts.</summary>
    public static string CorruptVideo(string dir, string name)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllBytes(path, [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 37 % 251))]);
        return path;
    }

    private static string Make(string dir, string name, params string[] arguments)
    {
        var path = Path.Combine(dir, name);
        var info = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["-nostdin", "-v", "error", "-y", .. arguments, path])
            info.ArgumentList.Add(argument);
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"ffmpeg could not make {name}: {stderr}");
        return path;
    }
}

/// <summary>The test videos, made once per test class that asks for them.</summary>
public sealed class TestMediaFixture : IDisposable
{
    private readonly TempDirectory _dir = TestPaths.NewTempDirectory("csol-media");

    public TestMediaFixture()
    {
        Tone25 = TestMedia.ToneVideo(_dir.Path, "tone25.mp4", 25);
        Tone30 = TestMedia.ToneVideo(_dir.Path, "tone30.mkv", 30);
    }

    public string Directory => _dir.Path;
    public string Tone25 { get; }
    public string Tone30 { get; }

    public void Dispose() => _dir.Dispose();
}
