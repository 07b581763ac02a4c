using Csol.Learning.Data.Audio;
using Csol.Learning.Data.Music;
using SkiaSharp;

namespace Csol.Learning.Data.Synthesis;

/// <summary>
/// A synthetic duet: two solo clips of different classes side by side (left and right halves, each frame resized to
/// half width × full height), both sounding, audio = gain-jittered mix of both. Category-balanced like the cocktail party.
/// </summary>
public sealed class DuetSynthesizer(LogMelExtractor extractor, SynthesisOptions? options = null)
{
    private readonly SynthesisOptions settings = (options ?? new SynthesisOptions()).Validated();

    public IEnumerable<SynthesizedSample> Generate(IReadOnlyList<SoloClip> pool, int count, int seed)
    {
        var side = settings.CompositeSize;
        SKRectI[] halves = [new(0, 0, side / 2, side), new(side / 2, 0, side, side)];
        return new CompositeSynthesizer(extractor, settings, halves, soundingCount: 2).Generate(pool, count, seed);
    }

    public void WriteSet(string folder, IReadOnlyList<SoloClip> pool, int count, int seed, bool writeBoxes = true) =>
        new MusicSyntheticWriter(folder, writeBoxes).WriteAll(Generate(pool, count, seed));
}
