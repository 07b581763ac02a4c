using Csol.Learning.Data.Audio;
using Csol.Learning.Data.Music;
using SkiaSharp;

namespace Csol.Learning.Data.Synthesis;

/// <summary>
/// Shared engine of <see cref="CocktailPartySynthesizer"/> and <see cref="DuetSynthesizer"/>: places solo clips of
/// distinct classes into fixed slots of a composite, marks some as sounding, and mixes their audio.
/// </summary>
/// <remarks>
/// Category balance: the classes are shuffled into a cycle once per round of K samples (K classes); sample k of a round
/// takes cycle positions [s·k, s·k + s) mod K for s slots, so within a round the classes are distinct per sample and
/// every class is used exactly s times. Everything is drawn from one <see cref="Random"/> seeded by the caller, in a
/// fixed order, so a seed reproduces the set byte for byte.
/// </remarks>
internal sealed class CompositeSynthesizer(LogMelExtractor extractor, SynthesisOptions options, IReadOnlyList<SKRectI> slots, int soundingCount)
{
    public IEnumerable<SynthesizedSample> Generate(IReadOnlyList<SoloClip> pool, int count, int seed)
    {
        var byClass = pool.GroupBy(c => c.ClassIndex).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.ToArray());
        if (byClass.Count < slots.Count)
            throw new ArgumentException($"Each sample needs {slots.Count} different classes; the pool has {byClass.Count}.", nameof(pool));
        foreach (var clip in pool.Where(c => c.Waveform.Length != SoloClip.SamplesPerSecond))
            throw new ArgumentException(
                $"Solo clip {clip.Name}: {clip.Waveform.Length} samples, expected {SoloClip.SamplesPerSecond} (1 s at 16 kHz).", nameof(pool));

        var random = new Random(seed);
        var classes = byClass.Keys.ToArray();
        var cycle = classes;
        for (var i = 0; i < count; i++)
        {
            var k = i % classes.Length;
            if (k == 0)
            {
                cycle = classes.ToArray();
                random.Shuffle(cycle);
            }
            var chosen = Enumerable.Range(0, slots.Count).Select(j => cycle[(slots.Count * k + j) % cycle.Length]).ToArray();
            random.Shuffle(chosen);
            var clips = chosen.Select(c => byClass[c][random.Next(byClass[c].Length)]).ToArray();
            var sounding = Enumerable.Range(0, slots.Count).ToArray();
            random.Shuffle(sounding);
            var isSounding = Enumerable.Range(0, slots.Count).Select(j => Array.IndexOf(sounding, j) < soundingCount).ToArray();
            var gains = clips.Select(_ => options.GainMin + random.NextDouble() * (options.GainMax - options.GainMin)).ToArray();
            yield return Build(i, clips, isSounding, gains);
        }
    }

    private SynthesizedSample Build(int index, SoloClip[] clips, bool[] sounding, double[] gains)
    {
        var side = options.CompositeSize;
        var frame = new SKBitmap(new SKImageInfo(side, side, SKColorType.Rgba8888, SKAlphaType.Premul));
        var boxes = new SyntheticBox[clips.Length];
        using (var canvas = new SKCanvas(frame))
        {
            canvas.Clear(SKColors.Black);
            for (var j = 0; j < clips.Length; j++)
            {
                using var source = clips[j].LoadFrame();
                using var image = SKImage.FromBitmap(source);
                canvas.DrawImage(image, slots[j], new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.None));
                boxes[j] = new SyntheticBox(Place(clips[j].Box, slots[j], side), clips[j].ClassIndex, sounding[j]);
            }
        }
        var mix = new float[SoloClip.SamplesPerSecond];
        for (var j = 0; j < clips.Length; j++)
        {
            if (!sounding[j])
                continue;
            for (var t = 0; t < mix.Length; t++)
                mix[t] += (float)(gains[j] * clips[j].Waveform[t]);
        }
        var peak = mix.Max(MathF.Abs);
        if (peak > 1f)
            for (var t = 0; t < mix.Length; t++)
                mix[t] /= peak;
        return new SynthesizedSample(index, frame, extractor.Compute(mix), boxes, clips.Select(c => c.Name).ToArray());
    }

    /// <summary>The solo box moved into its slot; with no box the instrument is taken to fill the frame, i.e. the slot.</summary>
    private static NormalizedBox Place(NormalizedBox? box, SKRectI slot, int side)
    {
        var b = box ?? new NormalizedBox(0, 0, 1, 1);
        return new NormalizedBox(
            (slot.Left + b.X * slot.Width) / side, (slot.Top + b.Y * slot.Height) / side,
            b.Width * slot.Width / side, b.Height * slot.Height / side);
    }
}
