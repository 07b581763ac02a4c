using Csol.Learning.Data.Music;
using SkiaSharp;

namespace Csol.Learning.Data.Synthesis;

/// <summary>One synthetic sample; dispose it to free the composite.</summary>
/// <param name="Boxes">One per instrument in slot order, with the sounding flag.</param>
/// <param name="Sources">The solo clips used, in slot order.</param>
public sealed record SynthesizedSample(int Index, SKBitmap Frame, float[,] LogMel, IReadOnlyList<SyntheticBox> Boxes, IReadOnlyList<string> Sources)
    : IDisposable
{
    public void Dispose() => Frame.Dispose();
}
