using System.Globalization;

namespace Csol.Learning.Data.Media;

/// <summary>Writes a video's 4-fps JPEGs as <c>&lt;dir&gt;/frame_SSS/NNNNN.jpg</c> (see <see cref="FramePlan"/>).</summary>
/// <remarks>One ffmpeg run per video decodes the stream once and keeps the planned frames with a <c>select</c> filter
/// on the decoded frame number <c>n</c> (<see cref="SelectFilter"/>), written in order as numbered JPEGs and then
/// renamed; the count is checked against <see cref="FramePlan"/>, so filter and plan cannot drift apart. Selecting by frame
/// number, not by seeking to timestamps, is exact (seeking lands on the nearest keyframe unless every seek decodes
/// from it, which is also slower) and counts frames the way the reference's OpenCV loop does.</remarks>
public sealed class FrameExtractor(FfmpegRunner ffmpeg)
{
    /// <summary>JPEG quality for ffmpeg's MJPEG encoder (2 = best useful); close to OpenCV's default quality 95.</summary>
    private const int JpegQScale = 2;

    /// <returns>The number of JPEG files written.</returns>
    /// <exception cref="InvalidDataException">The decoder produced fewer frames than planned; names the file.</exception>
    public async Task<int> ExtractAsync(string videoPath, MediaInfo info, string outputDirectory, CancellationToken cancellationToken = default)
    {
        var plan = FramePlan.For(info.FramesPerSecond, info.FrameCount, info.WholeSeconds);
        var sources = plan.Select(f => f.SourceFrame).Distinct().Order().ToArray();
        var scratch = Path.Combine(outputDirectory, ".decoded");
        Directory.CreateDirectory(scratch);
        try
        {
            await ffmpeg.RunAsync("ffmpeg",
                ["-nostdin", "-v", "error", "-i", videoPath, "-map", "0:v:0", "-vf", SelectFilter(info.FramesPerSecond, info.WholeSeconds),
                 "-fps_mode", "passthrough", "-q:v", $"{JpegQScale}", Path.Combine(scratch, "%06d.jpg")],
                cancellationToken).ConfigureAwait(false);
            var decoded = Directory.GetFiles(scratch, "*.jpg").Length;
            if (decoded != sources.Length)
                throw new InvalidDataException(
                    $"{videoPath}: expected {sources.Length} frames from the video stream, the decoder produced {decoded}");

            // ffmpeg numbers its outputs 1, 2, ... in the order the selected frames pass, i.e. ascending source index.
            var fileOf = sources.Select((source, i) => (source, file: Path.Combine(scratch, $"{i + 1:000000}.jpg")))
                .ToDictionary(x => x.source, x => x.file);
            foreach (var frame in plan)
            {
                var target = Path.Combine(outputDirectory, frame.RelativePath);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(fileOf[frame.SourceFrame], target); // copy, as very low frame rates reuse a source frame
            }
            return plan.Count;
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    /// <summary>A select filter keeping frame n iff n = floor(m·fps/30 + ε) for some m with m mod 30 ∈ {0, 7, 14, 21}
    /// and m &lt; 30·seconds: the <see cref="FramePlan"/> rule turned around, so the expression has a fixed size.</summary>
    /// <remarks>Listing the frames (eq(n,0)+eq(n,7)+...) was our first version; ffmpeg's expression parser runs out of
    /// memory on a one-minute video's list. Here m₁ = ceil((n − ε)·30/fps) is the first m that maps to n or later, d
    /// moves it up to the next kept offset, and n is kept iff that m still maps to n.</remarks>
    internal static string SelectFilter(double fps, int wholeSeconds)
    {
        var f = fps.ToString("R", CultureInfo.InvariantCulture);
        var e = FramePlan.Epsilon.ToString("R", CultureInfo.InvariantCulture);
        var next = "if(eq(ld(1),0),0,if(lte(ld(1),7),7-ld(1),if(lte(ld(1),14),14-ld(1),if(lte(ld(1),21),21-ld(1),30-ld(1)))))";
        // Single quotes protect the commas from the filtergraph parser.
        return $"select='st(0,ceil((n-{e})*30/{f}));st(1,mod(ld(0),30));st(2,ld(0)+{next});" +
               $"lt(ld(2)*{f}/30+{e},n+1)*lt(ld(2),{30 * wholeSeconds})'";
    }
}
