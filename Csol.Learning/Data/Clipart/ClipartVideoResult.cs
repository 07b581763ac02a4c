using SkiaSharp;

namespace Csol.Learning.Data.Clipart;

/// <summary>One instrument's box in one frame, in pixels (right/bottom exclusive).</summary>
public sealed record ClipartBox(ClipartInstrument Instrument, SKRectI Pixels);

/// <summary>One written frame: its path relative to <c>video_frames/</c> (the annotation key) and its boxes.</summary>
public sealed record ClipartFrame(string Key, int Second, int FrameNumber, IReadOnlyList<ClipartBox> Boxes);

/// <summary>
/// What a rendered video leaves besides its files: the frames' boxes (for annotations) and, for the synthetic
/// composites, the waveform and the first frame of each second.
/// </summary>
public sealed record ClipartVideoResult(ClipartVideoPlan Plan, IReadOnlyList<ClipartFrame> Frames, float[] Waveform, IReadOnlyList<byte[]> FirstFrames);
