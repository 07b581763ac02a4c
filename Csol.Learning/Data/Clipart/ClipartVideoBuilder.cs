using Csol.Learning.Data.Audio;
using Csol.Learning.Data.Media;
using Csol.Learning.Data.Music;
using Csol.Learning.Data.Npy;
using SkiaSharp;

namespace Csol.Learning.Data.Clipart;

/// <summary>
/// Renders one video in the MUSIC layout: 4 frames per second in <c>video_frames/&lt;video&gt;/frame_SSS/</c>
/// numbered as 30-fps / interval-7 frames (spec §1.3 gotcha, so annotation keys always match), and one (201, 64)
/// log-mel per second in <c>audio_frames/&lt;video&gt;/SSS.npy</c>.
/// </summary>
public sealed class ClipartVideoBuilder(
    ClipartBuildOptions options,
    IReadOnlyDictionary<string, ClipartPicture> pictures,
    IReadOnlyList<ClipartPicture> distractors,
    FluidSynthRenderer synthesiser,
    LogMelExtractor logMel)
{
    public const int FramesPerSecond = FramePlan.FramesPerSecond;

    public ClipartVideoResult Build(ClipartVideoPlan plan)
    {
        // Separate streams for picture and sound, so changing how one is drawn does not change the other.
        var visual = new Random(plan.Seed);
        var audible = new Random(unchecked(plan.Seed * 31 + 7));

        var frames = RenderFrames(plan, visual);
        var waveform = synthesiser.Render(PhraseComposer.Compose(plan.Instruments, options.Seconds, audible), options.Seconds,
            Path.Combine(options.OutputFolder, ".work"));
        var audioFolder = Path.Combine(options.OutputFolder, "audio_frames", plan.Name);
        Directory.CreateDirectory(audioFolder);
        var seconds = logMel.ComputeSeconds(waveform);
        for (var s = 0; s < seconds.Count; s++)
            NpyFile.Write(Path.Combine(audioFolder, $"{s:D3}.npy"), seconds[s]);

        return new ClipartVideoResult(plan, frames, waveform);
    }

    private List<ClipartFrame> RenderFrames(ClipartVideoPlan plan, Random random)
    {
        // Named as A's extraction names a 30-fps video's frames, so real and clip-art frames follow one rule.
        var numbers = FramePlan.For(fps: 30, frameCount: 30L * options.Seconds, options.Seconds).ToLookup(f => f.Second, f => f.GlobalIndex);
        var background = SceneBackground.Render(options.Size, distractors, random);
        try
        {
            return RenderSeconds(plan, random, numbers, ref background);
        }
        finally
        {
            background.Dispose();
        }
    }

    private List<ClipartFrame> RenderSeconds(ClipartVideoPlan plan, Random random, ILookup<int, int> numbers, ref SKBitmap background)
    {
        var placements = BasePlacements(plan, random);
        var frames = new List<ClipartFrame>();
        for (var s = 0; s < options.Seconds; s++)
        {
            // A new background each second leaves the instrument as the only thing a video's frames share, so the
            // background cannot tell which video (hence which class) a frame comes from.
            if (options.BackgroundPerSecond && s > 0)
            {
                background.Dispose();
                background = SceneBackground.Render(options.Size, distractors, random);
            }
            var folder = Path.Combine(options.OutputFolder, "video_frames", plan.Name, $"frame_{s:D3}");
            Directory.CreateDirectory(folder);
            // The player drifts from second to second and wobbles within one, so the 4 frames of a second differ.
            var thisSecond = placements.Select(p => p.Jittered(random, move: 0.04, scale: 0.06, turn: 3)).ToList();
            foreach (var number in numbers[s])
            {
                var thisFrame = thisSecond.Select(p => p.Jittered(random, move: 0.01, scale: 0.015, turn: 1)).ToList();
                var rendered = SceneRenderer.Render(background, thisFrame);
                File.WriteAllBytes(Path.Combine(folder, $"{number:D5}.jpg"), rendered.Jpeg);
                var boxes = plan.Instruments.Select((instrument, i) => new ClipartBox(instrument, rendered.Boxes[i])).ToList();
                frames.Add(new ClipartFrame(FrameAnnotation.KeyFor(plan.Name, s, number), s, number, boxes));
            }
        }

        return frames;
    }

    /// <summary>
    /// A solo instrument takes 35–75 % of the frame side anywhere it fits; duet instruments 30–50 %, one in each half
    /// so both stay visible (they may overlap a little, as players do).
    /// </summary>
    private List<InstrumentPlacement> BasePlacements(ClipartVideoPlan plan, Random random)
    {
        var result = new List<InstrumentPlacement>();
        for (var i = 0; i < plan.Instruments.Count; i++)
        {
            var duet = plan.Instruments.Count > 1;
            var size = duet ? 0.30 + 0.20 * random.NextDouble() : 0.35 + 0.40 * random.NextDouble();
            var half = size / 2;
            var (low, high) = !duet ? (half, 1 - half) : i == 0 ? (half, Math.Max(half, 0.5 - half / 2))
                : (Math.Min(1 - half, 0.5 + half / 2), 1 - half);
            var cx = low + (high - low) * random.NextDouble();
            var cy = half + (1 - 2 * half) * random.NextDouble();
            result.Add(
                new InstrumentPlacement(pictures[plan.Pictures[i]], cx, cy, size, 10 * (2 * random.NextDouble() - 1), random.NextDouble() < 0.5));
        }

        return result;
    }

    /// <summary>Normalised box of a pixel box in a square frame.</summary>
    public static NormalizedBox Normalise(SKRectI box, int size)
        => new((double)box.Left / size, (double)box.Top / size, (double)box.Width / size, (double)box.Height / size);
}
