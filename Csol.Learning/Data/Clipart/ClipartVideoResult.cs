using SkiaSharp;

namespace Csol.Learning.Data.Clipart;

/// <summary>One instrument's box in one frame, in pixels (right/bottom exclusive).</summary>
public sealed record ClipartBox(ClipartInstrument Instrument, SKRectI Pixels);

/// <summary>One written frame: its path relative to <c>video_frames/</c> (the annotation key) and its boxes.</summary>
public sealed record ClipartFrame(string Key, int Second, int FrameNumber, IReadOnlyList<ClipartBox> Boxes);

/// <summary>
/// What a rendered video leaves besides its files: the frames' boxes (for annotations and the synthetic composites)
/// and the waveform (for the synthetic mixes; its frames are read back from disk).
/// </summary>
public sealed record ClipartVideoResult(ClipartVideoPlan Plan, IReadOnlyList<ClipartFrame> Frames, float[] Waveform);
