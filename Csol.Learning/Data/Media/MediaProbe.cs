using System.Globalization;
using System.Text.Json;

namespace Csol.Learning.Data.Media;

/// <summary>What <c>ffprobe</c> says about a media file's first video stream and whether it has audio.</summary>
/// <param name="FramesPerSecond">The video's average frame rate (<c>avg_frame_rate</c>, else <c>r_frame_rate</c>), as
/// OpenCV's CAP_PROP_FPS reports it to the reference's <c>cut_videos.py</c>.</param>
/// <param name="FrameCount">Video packets counted by demuxing the whole file (exact, and it needs no decoding).</param>
public sealed record MediaInfo(double FramesPerSecond, long FrameCount, bool HasAudio)
{
    /// <summary>Whole seconds of video, <c>floor(frame_count / fps)</c> (spec §1.1).</summary>
    public int WholeSeconds => (int)Math.Floor(FrameCount / FramesPerSecond + 1e-9);
}

public static class MediaProbe
{
    /// <exception cref="InvalidDataException">No video stream or no usable frame rate; the message names the file.</exception>
    /// <exception cref="FfmpegException">ffprobe cannot read the file.</exception>
    public static async Task<MediaInfo> ProbeAsync(FfmpegRunner ffmpeg, string path, CancellationToken cancellationToken = default)
    {
        var json = await ffmpeg.RunAsync("ffprobe",
            ["-v", "error", "-count_packets", "-show_entries", "stream=codec_type,avg_frame_rate,r_frame_rate,nb_read_packets", "-of", "json", path],
            cancellationToken).ConfigureAwait(false);
        using var document = JsonDocument.Parse(json);
        var streams = document.RootElement.TryGetProperty("streams", out var s) ? s.EnumerateArray().ToList() : [];
        var video = streams.FirstOrDefault(x => Text(x, "codec_type") == "video");
        if (video.ValueKind != JsonValueKind.Object)
            throw new InvalidDataException($"{path}: no video stream");
        var fps = Rate(Text(video, "avg_frame_rate")) ?? Rate(Text(video, "r_frame_rate"))
            ?? throw new InvalidDataException($"{path}: the video stream has no frame rate");
        if (!long.TryParse(Text(video, "nb_read_packets"), CultureInfo.InvariantCulture, out var frames))
            throw new InvalidDataException($"{path}: ffprobe could not count the video frames");
        return new MediaInfo(fps, frames, streams.Any(x => Text(x, "codec_type") == "audio"));
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>"30000/1001" → 29.97; null for "0/0" or garbage.</summary>
    private static double? Rate(string? text)
    {
        var parts = text?.Split('/') ?? [];
        if (parts.Length != 2
            || !double.TryParse(parts[0], CultureInfo.InvariantCulture, out var num)
            || !double.TryParse(parts[1], CultureInfo.InvariantCulture, out var den)
            || num <= 0 || den <= 0)
            return null;
        return num / den;
    }
}
