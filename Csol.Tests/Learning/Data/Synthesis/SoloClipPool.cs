using Csol.Learning.Data;
using Csol.Learning.Data.Synthesis;
using SkiaSharp;

namespace Csol.Tests.Learning.Data.Synthesis;

/// <summary>In-memory solo clips: per class a solid colour and a sine at its own pitch.</summary>
public static class SoloClipPool
{
    public static IReadOnlyList<SoloClip> Create(int classes, int clipsPerClass, bool withBoxes = true)
    {
        var clips = new List<SoloClip>();
        for (var c = 0; c < classes; c++)
            for (var k = 0; k < clipsPerClass; k++)
            {
                var image = new SKBitmap(new SKImageInfo(40, 30, SKColorType.Rgba8888, SKAlphaType.Premul));
                image.Erase(new SKColor((byte)(20 * c), (byte)(200 - 15 * c), (byte)(40 * k)));
                var wave =
                    Enumerable.Range(0, SoloClip.SamplesPerSecond).Select(t => 0.7f * MathF.Sin(2 * MathF.PI * (200 + 100 * c) * t / 16000f))
                    .ToArray();
                var box = withBoxes && k % 2 == 0 ? new NormalizedBox(0.2, 0.1, 0.5, 0.8) : (NormalizedBox?)null;
                clips.Add(new SoloClip($"c{c}/{k}", c, null, image, box, wave));
            }
        return clips;
    }
}
