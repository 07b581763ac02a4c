namespace Csol.Learning.Data.Media;

/// <summary>One JPEG to write: <c>frame_{Second:000}/{GlobalIndex:00000}.jpg</c>, taken from decoded frame
/// <see cref="SourceFrame"/> (0-based, in presentation order).</summary>
public sealed record PlannedFrame(int Second, int GlobalIndex, long SourceFrame)
{
    public string RelativePath => Path.Combine($"frame_{Second:000}", $"{GlobalIndex:00000}.jpg");
}

/// <summary>Which frames the 4-fps extraction keeps (spec §1.1, §1.3).</summary>
/// <remarks>The public annotations (solotest.json, duettest.json) name frames as if every video were 30 fps with
/// every 7th frame kept, and the reference's <c>cut_videos.py</c> only produces those names for 30-fps videos (issues
/// #7, #10). Following the spec's recommendation we name every video's frames <c>30·s + 7·j</c> (j = 0..3) whatever
/// its frame rate, and take the frame shown at time <c>s + 7·j/30</c> s, i.e. decoded frame <c>floor((s + 7j/30)·fps)</c>.
/// For 30-fps videos this is exactly the reference's choice; for 25 fps it is frames 0, 5, 11, 17 of each second where
/// the reference kept 0, 6, 12, 18 under other names.</remarks>
public static class FramePlan
{
    public const int FramesPerSecond = 4;
    private const int NamingRate = 30, NamingInterval = 7;

    /// <summary>Keeps e.g. (7/30)·30 from flooring to 6.999… in binary floating point.</summary>
    internal const double Epsilon = 1e-6;

    public static IReadOnlyList<PlannedFrame> For(double fps, long frameCount, int wholeSeconds)
    {
        var frames = new List<PlannedFrame>(wholeSeconds * FramesPerSecond);
        for (var s = 0; s < wholeSeconds; s++)
            for (var j = 0; j < FramesPerSecond; j++)
            {
                var offset = NamingInterval * j;
                var source = (long)Math.Floor((s + (double)offset / NamingRate) * fps + Epsilon);
                frames.Add(new PlannedFrame(s, NamingRate * s + offset, Math.Min(source, frameCount - 1)));
            }
        return frames;
    }
}
