namespace Csol.Learning.Data;

/// <summary>A box in frame-relative coordinates (spec §1.3 <c>normbox</c>): top-left x, y and width, height in [0, 1].</summary>
public readonly record struct NormalizedBox(double X, double Y, double Width, double Height)
{
    /// <summary>The same box after a horizontal flip of the frame.</summary>
    public NormalizedBox FlippedHorizontally() => this with { X = 1.0 - X - Width };
}
