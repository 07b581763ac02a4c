namespace Csol.Learning.Data.Images;

/// <summary>A frame ready for the network: planar (3, Size, Size) floats, with its boxes moved along with flips and crops.</summary>
public sealed record TransformedFrame(float[] Chw, int Size, IReadOnlyList<NormalizedBox> Boxes, bool Flipped);
