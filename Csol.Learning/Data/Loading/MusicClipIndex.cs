using System.Globalization;

namespace Csol.Learning.Data.Loading;

/// <summary>
/// The (video, second) pairs of a split in a MUSIC-layout folder: <c>video_frames/&lt;video&gt;/frame_SSS/*.jpg</c>
/// and <c>audio_frames/&lt;video&gt;/SSS.npy</c>. A second is used only when both exist (spec §1.1); every second or
/// video that cannot be used is listed in <see cref="Problems"/> rather than dropped silently.
/// </summary>
public sealed record MusicClipIndex(string Root, IReadOnlyList<MusicClip> Clips, IReadOnlyList<string> Problems)
{
    public const string FramesFolder = "video_frames";
    public const string AudioFolder = "audio_frames";

    /// <param name="videos">Video folder names (e.g. a split list); null means every folder under <c>video_frames/</c>.</param>
    /// <summary>A negative for clip <paramref name="anchor"/>: a random clip of another video, drawn from
    /// <paramref name="random"/> the same way wherever pairs are made, so cached and decoded runs pick the same negatives.</summary>
    public int PickNegative(int anchor, Random random)
    {
        while (true)
        {
            var candidate = random.Next(Clips.Count);
            if (Clips[candidate].Video != Clips[anchor].Video)
                return candidate;
        }
    }

    public static MusicClipIndex Build(string root, IEnumerable<string>? videos = null)
    {
        var framesRoot = Path.Combine(root, FramesFolder);
        var audioRoot = Path.Combine(root, AudioFolder);
        if (!Directory.Exists(framesRoot))
            throw new DirectoryNotFoundException($"{root}: no {FramesFolder}/ folder (MUSIC layout: {FramesFolder}/, {AudioFolder}/)");
        videos ??= Directory.EnumerateDirectories(framesRoot).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal);

        var clips = new List<MusicClip>();
        var problems = new List<string>();
        foreach (var video in videos)
        {
            var frameSeconds = Seconds(Path.Combine(framesRoot, video), "frame_", "", directories: true);
            var audioSeconds = Seconds(Path.Combine(audioRoot, video), "", ".npy", directories: false);
            if (frameSeconds.Count == 0 && audioSeconds.Count == 0)
            {
                problems.Add($"{video}: no frames under {Path.Combine(framesRoot, video)} and no audio under {Path.Combine(audioRoot, video)}");
                continue;
            }
            foreach (var second in frameSeconds.Keys.Union(audioSeconds.Keys).Order())
            {
                if (!audioSeconds.TryGetValue(second, out var audio))
                {
                    problems.Add($"{video} second {second}: missing {Path.Combine(audioRoot, video, $"{second:D3}.npy")}");
                    continue;
                }
                if (!frameSeconds.TryGetValue(second, out var folder))
                {
                    problems.Add($"{video} second {second}: missing {Path.Combine(framesRoot, video, $"frame_{second:D3}")}/");
                    continue;
                }
                var frames = Directory.GetFiles(folder, "*.jpg").Order(StringComparer.Ordinal).ToArray();
                if (frames.Length == 0)
                    problems.Add($"{video} second {second}: {folder}/ has no JPEG");
                else
                    clips.Add(new MusicClip(video, second, frames, audio));
            }
        }
        return new MusicClipIndex(root, clips, problems);
    }

    private static Dictionary<int, string> Seconds(string folder, string prefix, string suffix, bool directories)
    {
        var map = new Dictionary<int, string>();
        if (!Directory.Exists(folder))
            return map;
        var entries = directories ? Directory.EnumerateDirectories(folder) : Directory.EnumerateFiles(folder, "*" + suffix);
        foreach (var path in entries)
        {
            var name = Path.GetFileName(path);
            if (name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(suffix, StringComparison.Ordinal)
                && int.TryParse(name[prefix.Length..^suffix.Length], NumberStyles.None, CultureInfo.InvariantCulture, out var second))
                map[second] = path;
        }
        return map;
    }
}
