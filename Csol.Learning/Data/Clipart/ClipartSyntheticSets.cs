using Csol.Learning.Data.Audio;
using Csol.Learning.Data.Music;
using Csol.Learning.Data.Synthesis;

namespace Csol.Learning.Data.Clipart;

/// <summary>
/// MUSIC-Clipart's synthetic splits, made by the same <see cref="CocktailPartySynthesizer"/> as MUSIC-Synthetic: every
/// second of the given solo videos is a <see cref="SoloClip"/> (its first frame on disk, the instrument's box in that
/// frame, its second of audio), labelled in the build's <see cref="ClassSpace"/>. Boxes are written as the synthesizer's
/// 6-column rows <c>[x, y, w, h, class, sounding]</c> (all four instruments), read by <see cref="MusicSyntheticReader"/>
/// with the build's <c>categories.json</c>.
/// </summary>
/// <remarks>The gain jitter stays at MUSIC-Clipart's original U[0.7, 1.3]; composites are the frame size rounded down to
/// even (the synthesizer needs whole-pixel halves).</remarks>
public sealed class ClipartSyntheticSets(ClipartBuildOptions options, ClassSpace classes, LogMelExtractor logMel)
{
    private readonly CocktailPartySynthesizer synthesizer =
        new(logMel, new SynthesisOptions(CompositeSize: options.Size - options.Size % 2, GainMin: 0.7, GainMax: 1.3));

    /// <summary>Writes <paramref name="count"/> samples; nothing when the videos cover fewer than 4 classes (a composite needs 4).</summary>
    public void Write(string folder, IEnumerable<ClipartVideoResult> videos, int count, bool withBoxes, int seed)
    {
        var pool = videos.SelectMany(Clips).ToList();
        if (count == 0 || pool.Select(c => c.ClassIndex).Distinct().Count() < 4)
            return;
        synthesizer.WriteSet(folder, pool, count, seed, withBoxes);
    }

    private IEnumerable<SoloClip> Clips(ClipartVideoResult video)
    {
        var label = classes.IndexOf(video.Plan.Instruments[0].Name, video.Plan.Name);
        foreach (var first in video.Frames.GroupBy(f => f.Second).Select(g => g.MinBy(f => f.FrameNumber)!))
            yield return new SoloClip(
                $"{video.Plan.Name}/{first.Second:D3}", label,
                Path.Combine(options.OutputFolder, "video_frames", FrameAnnotation.KeyFor(video.Plan.Name, first.Second, first.FrameNumber)),
                Image: null, ClipartVideoBuilder.Normalise(first.Boxes[0].Pixels, options.Size),
                video.Waveform.AsSpan(first.Second * SoloClip.SamplesPerSecond, SoloClip.SamplesPerSecond).ToArray());
    }
}
