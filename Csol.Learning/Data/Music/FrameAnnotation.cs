namespace Csol.Learning.Data.Music;

/// <summary>A box in pixels as <c>solotest.json</c> stores it: top-left x, y and width, height (ints).</summary>
public readonly record struct PixelBox(int X, int Y, int Width, int Height);

/// <summary>One annotated (sounding, issue #9) instrument.</summary>
/// <param name="Pixels">The file's <c>box</c>.</param>
/// <param name="Box">The file's <c>normbox</c> (kept as written, not recomputed from <paramref name="Pixels"/>).</param>
/// <param name="ClassIndex">Label in the reader's <see cref="ClassSpace"/> (MUSIC by default), mapped from the file's <c>category_id</c>.</param>
public sealed record AnnotatedBox(PixelBox Pixels, NormalizedBox Box, int ClassIndex);

/// <summary>One key of <c>solotest.json</c>/<c>duettest.json</c>: <c>&lt;video&gt;/frame_SSS/NNNNN.jpg</c>.</summary>
/// <param name="Key">The key as written, a path relative to <c>video_frames/</c>.</param>
/// <param name="Video">Clip name, e.g. <c>4Oy5VmaacaI_0_1000</c>.</param>
/// <param name="Second">SSS.</param>
/// <param name="FrameNumber">NNNNN: the global frame index (30-fps / interval-7 numbering, spec §1.3 gotcha).</param>
/// <param name="Width">The file's <c>wdith</c> (sic).</param>
public sealed record FrameAnnotation(
    string Key, string Video, int Second, int FrameNumber, int Width, int Height, IReadOnlyList<AnnotatedBox> Boxes)
{
    /// <summary>Frames with no box are kept so counts match the file; evaluation skips them (spec §1.3).</summary>
    public bool HasBoxes => Boxes.Count > 0;

    /// <summary>Builds the key for a frame, in the reference's zero padding.</summary>
    public static string KeyFor(string video, int second, int frameNumber) => $"{video}/frame_{second:D3}/{frameNumber:D5}.jpg";
}
