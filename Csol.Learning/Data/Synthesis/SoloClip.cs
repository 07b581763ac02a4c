using SkiaSharp;

namespace Csol.Learning.Data.Synthesis;

/// <summary>One second of a solo video, the unit the synthetic sets are built from (spec §1.3).</summary>
/// <param name="Name">Where it came from (e.g. <c>&lt;video&gt;/SSS</c>), for lineage and error messages.</param>
/// <param name="FramePath">A frame JPEG on disk; used when <paramref name="Image"/> is null.</param>
/// <param name="Image">An in-memory frame (owned by the caller); wins over <paramref name="FramePath"/>.</param>
/// <param name="Box">The instrument in the frame; null when unannotated (the usual case for MUSIC solo training clips).</param>
/// <param name="Waveform">16 kHz mono, exactly 16000 samples.</param>
public sealed record SoloClip(string Name, int ClassIndex, string? FramePath, SKBitmap? Image, NormalizedBox? Box, float[] Waveform)
{
    public const int SamplesPerSecond = 16000;

    public SKBitmap LoadFrame() =>
        Image?.Copy() ?? (FramePath is not null
            ? Images.FrameDecoder.Decode(FramePath)
            : throw new InvalidOperationException($"Solo clip {Name} has neither an image nor a frame path."));
}
