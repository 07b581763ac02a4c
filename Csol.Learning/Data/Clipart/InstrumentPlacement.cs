namespace Csol.Learning.Data.Clipart;

/// <summary>
/// Where one instrument picture is drawn in a frame, in frame fractions: its drawing's centre, the length of its
/// longer side, a rotation in degrees and a mirror flag (aspect is always kept).
/// </summary>
public sealed record InstrumentPlacement(ClipartPicture Picture, double CenterX, double CenterY, double Size, double Rotation, bool Mirrored)
{
    /// <summary>The same placement moved and scaled a little (the per-second and per-frame motion of a video).</summary>
    public InstrumentPlacement Jittered(Random random, double move, double scale, double turn) => this with
    {
        CenterX = CenterX + move * (2 * random.NextDouble() - 1),
        CenterY = CenterY + move * (2 * random.NextDouble() - 1),
        Size = Size * (1 + scale * (2 * random.NextDouble() - 1)),
        Rotation = Rotation + turn * (2 * random.NextDouble() - 1),
    };
}
