using System.Globalization;
using Csol.Learning.Data.Audio;
using Csol.Learning.Data.Npy;

namespace Csol.Learning.Data.Media;

/// <summary>Turns raw videos into MUSIC's training layout (spec §1.1): <c>&lt;out&gt;/video_frames/&lt;video&gt;/frame_SSS/NNNNN.jpg</c>
/// (4 per whole second) and <c>&lt;out&gt;/audio_frames/&lt;video&gt;/SSS.npy</c> (one (201, 64) float32 log-mel per second).</summary>
/// <remarks>Audio is written for exactly the seconds that have frames: a pair needs both, and extra audio seconds
/// (the reference cut audio and video separately) would never be used. A video is built in
/// <c>&lt;out&gt;/.partial/</c> and moved into place only when complete, so an interrupted run leaves no half video.</remarks>
public sealed class MusicPreprocessor(FfmpegRunner ffmpeg)
{
    public static readonly string[] VideoExtensions = [".mp4", ".mkv", ".webm", ".avi"];

    /// <summary>Peak amplitude below which a track counts as silent (an empty or muted upload).</summary>
    public const float SilencePeak = 1e-4f;

    private readonly LogMelExtractor _logMel = new();
    private readonly AudioDecoder _audio = new(ffmpeg);
    private readonly FrameExtractor _frames = new(ffmpeg);

    public static IReadOnlyList<string> FindVideos(string directory) =>
        [.. Directory.EnumerateFiles(directory)
            .Where(f => VideoExtensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)];

    /// <summary>Extracts every video in <paramref name="videosDirectory"/>. A bad video stops the run unless
    /// <paramref name="skipBad"/>; videos finished before it stay in place either way.</summary>
    /// <exception cref="FfmpegNotFoundException">ffmpeg or ffprobe is not installed.</exception>
    public async Task<DatasetExtractionReport> ExtractAllAsync(string videosDirectory, string outputRoot, bool skipBad,
        Action<VideoOutcome>? onVideo = null, CancellationToken cancellationToken = default)
    {
        var videos = FindVideos(videosDirectory);
        var extracted = new List<VideoExtraction>();
        var bad = new List<BadVideo>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < videos.Count; i++)
        {
            VideoOutcome outcome;
            try
            {
                if (!names.Add(Path.GetFileNameWithoutExtension(videos[i])))
                    throw new BadVideoException(videos[i], "another video in the folder has the same name (differing only in extension)");
                var result = await ExtractVideoAsync(videos[i], outputRoot, cancellationToken).ConfigureAwait(false);
                extracted.Add(result);
                outcome = new VideoOutcome(i, videos.Count, videos[i], result, null);
            }
            catch (BadVideoException e)
            {
                bad.Add(new BadVideo(e.VideoPath, e.Problem));
                outcome = new VideoOutcome(i, videos.Count, videos[i], null, bad[^1]);
            }
            onVideo?.Invoke(outcome);
            if (outcome.Bad is not null && !skipBad)
                return new DatasetExtractionReport(extracted, bad, Stopped: i < videos.Count - 1);
        }
        return new DatasetExtractionReport(extracted, bad, Stopped: false);
    }

    /// <exception cref="BadVideoException">The video cannot be decoded, has no audio, silent audio, or audio
    /// shorter than its frames.</exception>
    public async Task<VideoExtraction> ExtractVideoAsync(string videoPath, string outputRoot, CancellationToken cancellationToken = default)
    {
        var name = Path.GetFileNameWithoutExtension(videoPath);
        var framesTarget = Path.Combine(outputRoot, "video_frames", name);
        var audioTarget = Path.Combine(outputRoot, "audio_frames", name);
        if (Directory.Exists(framesTarget) && Directory.Exists(audioTarget))
            return new VideoExtraction(name, Directory.GetFiles(audioTarget, "*.npy").Length,
                Directory.GetFiles(framesTarget, "*.jpg", SearchOption.AllDirectories).Length, AlreadyExtracted: true);

        var info = await Decode(videoPath, () => MediaProbe.ProbeAsync(ffmpeg, videoPath, cancellationToken)).ConfigureAwait(false);
        var seconds = info.WholeSeconds;
        if (seconds < 1)
            throw new BadVideoException(videoPath,
                $"shorter than one second of video ({info.FrameCount} frames at {info.FramesPerSecond:0.###} fps)");
        if (!info.HasAudio)
            throw new BadVideoException(videoPath, "no audio stream");
        var samples = await Decode(videoPath, () => _audio.DecodeAsync(videoPath, cancellationToken)).ConfigureAwait(false);
        CheckAudio(videoPath, samples, seconds);

        var partial = Path.Combine(outputRoot, ".partial", $"{name}-{Guid.NewGuid():N}");
        try
        {
            var audioDir = Directory.CreateDirectory(Path.Combine(partial, "audio_frames")).FullName;
            for (var s = 0; s < seconds; s++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var logMel = _logMel.Compute(samples.AsSpan(s * LogMelExtractor.SampleRate, LogMelExtractor.SampleRate));
                NpyFile.Write(Path.Combine(audioDir, $"{s:000}.npy"), logMel);
            }
            var framesDir = Path.Combine(partial, "video_frames");
            var frameFiles = await Decode(videoPath, () => _frames.ExtractAsync(videoPath, info, framesDir, cancellationToken)).ConfigureAwait(false);

            // Leftovers of a run that died between the two moves are replaced; audio goes last so a video counts as
            // extracted (both folders present) only once its frames are in place too.
            DeleteIfExists(framesTarget);
            DeleteIfExists(audioTarget);
            Directory.CreateDirectory(Path.GetDirectoryName(framesTarget)!);
            Directory.CreateDirectory(Path.GetDirectoryName(audioTarget)!);
            Directory.Move(framesDir, framesTarget);
            Directory.Move(audioDir, audioTarget);
            return new VideoExtraction(name, seconds, frameFiles, AlreadyExtracted: false);
        }
        finally
        {
            DeleteIfExists(partial);
            var parent = Path.Combine(outputRoot, ".partial");
            if (Directory.Exists(parent) && !Directory.EnumerateFileSystemEntries(parent).Any())
                Directory.Delete(parent);
        }
    }

    private static void CheckAudio(string videoPath, float[] samples, int videoSeconds)
    {
        var peak = samples.Length == 0 ? 0 : samples.Max(MathF.Abs);
        if (peak < SilencePeak)
            throw new BadVideoException(videoPath,
                string.Create(CultureInfo.InvariantCulture, $"audio is silent (peak {peak:0.###e+0} < {SilencePeak:0e+0})"));
        var audioSeconds = samples.Length / LogMelExtractor.SampleRate;
        if (audioSeconds < videoSeconds)
            throw new BadVideoException(videoPath, string.Create(CultureInfo.InvariantCulture,
                $"missing second: audio second {audioSeconds:000} is incomplete or absent (video has {videoSeconds} whole seconds, audio "
                    + $"{samples.Length / (double)LogMelExtractor.SampleRate:0.###} s)"));
    }

    /// <summary>Runs an ffmpeg step, turning a decoding failure of this file into a <see cref="BadVideoException"/>.</summary>
    private static async Task<T> Decode<T>(string videoPath, Func<Task<T>> step)
    {
        try
        {
            return await step().ConfigureAwait(false);
        }
        catch (FfmpegException e)
        {
            throw new BadVideoException(videoPath, $"cannot be decoded: {e.Message}", e);
        }
        catch (InvalidDataException e)
        {
            throw new BadVideoException(videoPath,
                e.Message.StartsWith(videoPath + ": ", StringComparison.Ordinal) ? e.Message[(videoPath.Length + 2)..] : e.Message, e);
        }
    }

    private static void DeleteIfExists(string directory)
    {
        if (Directory.Exists(directory))
            Directory.Delete(directory, recursive: true);
    }
}
