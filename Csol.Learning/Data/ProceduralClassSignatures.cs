namespace Csol.Learning.Data;

public enum ObjectShape { Square, Disc, Triangle, Cross, Diamond, Ring, Bar, Hourglass }

/// <summary>What makes a class recognisable: how it looks and how it sounds.</summary>
/// <param name="Shape">Silhouette drawn in the frame.</param>
/// <param name="Red">Class colour, each channel in [0, 1].</param>
/// <param name="FundamentalBand">Mel band of the lowest partial (as a fraction of the band count).</param>
/// <param name="HarmonicSpacing">Distance between partials, as a fraction of the band count.</param>
/// <param name="TremoloCycles">Loudness modulation cycles per clip, so classes also differ in time.</param>
public sealed record ClassSignature(
    ObjectShape Shape, float Red, float Green, float Blue,
    double FundamentalBand, double HarmonicSpacing, double TremoloCycles);

/// <summary>The fixed class vocabulary of the procedural set; class k always has signature k, whatever the seed.</summary>
public static class ProceduralClassSignatures
{
    // Saturated colours far from the grey background and from each other; partial patterns chosen so no two classes
    // share both fundamental and spacing (classes would otherwise be separable by the frame only).
    private static readonly ClassSignature[] All =
    [
        new(ObjectShape.Square, 0.90f, 0.15f, 0.15f, 0.06, 0.20, 1),
        new(ObjectShape.Disc, 0.15f, 0.80f, 0.20f, 0.14, 0.12, 3),
        new(ObjectShape.Triangle, 0.15f, 0.25f, 0.95f, 0.24, 0.25, 2),
        new(ObjectShape.Cross, 0.95f, 0.85f, 0.10f, 0.34, 0.16, 5),
        new(ObjectShape.Diamond, 0.90f, 0.15f, 0.85f, 0.10, 0.30, 4),
        new(ObjectShape.Ring, 0.10f, 0.85f, 0.90f, 0.20, 0.09, 6),
        new(ObjectShape.Bar, 1.00f, 0.55f, 0.05f, 0.04, 0.14, 7),
        new(ObjectShape.Hourglass, 0.55f, 0.20f, 0.75f, 0.28, 0.22, 0),
    ];

    public static int Count => All.Length;

    public static ClassSignature For(int classIndex) => All[classIndex];

    /// <summary>Half-height of the silhouette in its own square, so boxes are tight (only the bar is not full height).</summary>
    public static double VerticalExtent(ObjectShape shape) => shape == ObjectShape.Bar ? 0.45 : 1.0;

    /// <summary>Whether a point in the shape's own square (u, v in [-1, 1], v down) is inside the silhouette.</summary>
    public static bool Contains(ObjectShape shape, double u, double v)
    {
        double au = Math.Abs(u), av = Math.Abs(v), r2 = u * u + v * v;
        return shape switch
        {
            ObjectShape.Square => au <= 1 && av <= 1,
            ObjectShape.Disc => r2 <= 1,
            ObjectShape.Triangle => v >= -1 && v <= 1 && au <= (v + 1) / 2,
            ObjectShape.Cross => (au <= 1.0 / 3 && av <= 1) || (av <= 1.0 / 3 && au <= 1),
            ObjectShape.Diamond => au + av <= 1,
            ObjectShape.Ring => r2 <= 1 && r2 >= 0.3,
            ObjectShape.Bar => au <= 1 && av <= 0.45,
            ObjectShape.Hourglass => av <= 1 && au <= Math.Max(av, 0.2),
            _ => false,
        };
    }
}
