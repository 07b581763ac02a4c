using Csol.Learning.Data.Audio;
using Csol.Learning.Data.Music;
using SkiaSharp;

namespace Csol.Learning.Data.Synthesis;

/// <summary>
/// MUSIC-Synthetic construction (spec §1.3): four 1-s solo clips of four different classes in a 2×2 grid (each frame
/// resized to half the composite side, aspect not kept, as the reference resizes whole frames to squares), two of the
/// four chosen at random as sounding, audio = gain-jittered sum of the two sounding waveforms → log-mel.
/// Slots are ordered top-left, top-right, bottom-left, bottom-right. Category-balanced (see <see cref="CompositeSynthesizer"/>).
/// </summary>
public sealed class CocktailPartySynthesizer(LogMelExtractor extractor, SynthesisOptions? options = null)
{
    private readonly SynthesisOptions settings = (options ?? new SynthesisOptions()).Validated();

    public IEnumerable<SynthesizedSample> Generate(IReadOnlyList<SoloClip> pool, int count, int seed)
    {
        var half = settings.CompositeSize / 2;
        SKRectI[] quadrants =
            [new(0, 0, half, half), new(half, 0, 2 * half, half), new(0, half, half, 2 * half), new(half, half, 2 * half, 2 * half)];
        return new CompositeSynthesizer(extractor, settings, quadrants, soundingCount: 2).Generate(pool, count, seed);
    }

    /// <summary>Generates and writes <paramref name="count"/> samples in the MUSIC-Synthetic layout under <paramref name="folder"/>.</summary>
    /// <param name="writeBoxes">False for a training split, which has no <c>box/</c> in the reference layout.</param>
    public void WriteSet(string folder, IReadOnlyList<SoloClip> pool, int count, int seed, bool writeBoxes = true) =>
        new MusicSyntheticWriter(folder, writeBoxes).WriteAll(Generate(pool, count, seed));
}
