using System.Globalization;
using System.Text;

namespace Csol.Learning.Data.Media;

/// <summary>Writes a video's 4-fps JPEGs as <c>&lt;dir&gt;/frame_SSS/NNNNN.jpg</c> (see <see cref="FramePlan"/>).</summary>
/// <remarks>One ffmpeg run per video decodes the stream once and keeps the planned frames with a <c>select</c> filter
/// on the decoded frame number <c>n</c>, written in order as numbered JPEGs and then renamed. Selecting by frame
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
                ["-nostdin", "-v", "error", "-i", videoPath, "-map", "0:v:0", "-vf", SelectFilter(sources),
                 "-fps_mode", "passthrough", "-q:v", $"{JpegQScale}", Path.Combine(scratch, "%06d.jpg")],
                cancellationToken).ConfigureAwait(false);
            var decoded = Directory.GetFiles(scratch, "*.jpg").Length;
            if (decoded != sources.Length)
                throw new InvalidDataException($"{videoPath}: expected {sources.Length} frames from the video stream, the decoder produced {decoded}");

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

    private static string SelectFilter(IReadOnlyList<long> sources)
    {
        // select='eq(n,0)+eq(n,7)+...': single quotes protect the commas from the filtergraph parser.
        var expression = new StringBuilder("select='");
        for (var i = 0; i < sources.Count; i++)
            expression.Append(i == 0 ? "" : "+").Append(CultureInfo.InvariantCulture, $"eq(n,{sources[i]})");
        return expression.Append('\'').ToString();
    }
}
