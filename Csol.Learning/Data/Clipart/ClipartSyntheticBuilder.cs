using Csol.Learning.Data.Audio;
using Csol.Learning.Data.Npy;
using SkiaSharp;

namespace Csol.Learning.Data.Clipart;

/// <summary>
/// MUSIC-Synthetic-style samples (spec §1.3): four one-second solo clips of four different classes tiled 2×2 into
/// one frame, the audio the sum of two of them (each scaled by a random gain in [0.7, 1.3], our "jittering").
/// Written as <c>&lt;split&gt;/video/NNNNN.jpg</c>, <c>&lt;split&gt;/audio/NNNNN.npy</c> and, for test,
/// <c>box/NNNNN.npy</c> rows <c>[x, y, w, h, category_id]</c> normalised to the composite, sounding instruments only
/// (the reference evaluation treats every stored box as sounding).
/// </summary>
public sealed class ClipartSyntheticBuilder(int size, LogMelExtractor logMel)
{
    public const int SampleRate = 16000;

    public void Build(string folder, IReadOnlyList<ClipartVideoResult> sources, int count, bool withBoxes, Random random)
    {
        var byClass = sources.GroupBy(s => s.Plan.Instruments[0].Name).Select(g => g.ToList()).ToList();
        if (count == 0 || byClass.Count < 4)
            return;
        foreach (var sub in new[] { "video", "audio", withBoxes ? "box" : null }.OfType<string>())
            Directory.CreateDirectory(Path.Combine(folder, sub));

        for (var n = 0; n < count; n++)
        {
            var classes = byClass.OrderBy(_ => random.Next()).Take(4).ToList();
            var clips = classes.Select(c => c[random.Next(c.Count)]).ToList();
            var seconds = clips.Select(c => random.Next(c.FirstFrames.Count)).ToList();
            var sounding = Enumerable.Range(0, 4).OrderBy(_ => random.Next()).Take(2).Order().ToList();

            var mix = new float[SampleRate];
            foreach (var i in sounding)
            {
                var gain = (float)(0.7 + 0.6 * random.NextDouble());
                var source = clips[i].Waveform.AsSpan(seconds[i] * SampleRate, SampleRate);
                for (var t = 0; t < SampleRate; t++)
                    mix[t] += gain * source[t];
            }

            var peak = mix.Max(Math.Abs);
            if (peak > 0.99f)
                for (var t = 0; t < mix.Length; t++)
                    mix[t] *= 0.99f / peak;

            var name = $"{n:D5}";
            File.WriteAllBytes(Path.Combine(folder, "video", name + ".jpg"), Composite(clips, seconds));
            NpyFile.Write(Path.Combine(folder, "audio", name + ".npy"), logMel.Compute(mix));
            if (withBoxes)
                NpyFile.Write(Path.Combine(folder, "box", name + ".npy"), Boxes(clips, seconds, sounding));
        }
    }

    private byte[] Composite(IReadOnlyList<ClipartVideoResult> clips, IReadOnlyList<int> seconds)
    {
        var half = size / 2;
        using var frame = new SKBitmap(new SKImageInfo(2 * half, 2 * half, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(frame))
            for (var i = 0; i < 4; i++)
            {
                using var tile = SKImage.FromEncodedData(clips[i].FirstFrames[seconds[i]]);
                canvas.DrawImage(tile, SKRect.Create(i % 2 * half, i / 2 * half, half, half), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
            }

        using var image = SKImage.FromBitmap(frame);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, SceneRenderer.JpegQuality);
        return data.ToArray();
    }

    /// <summary>A quadrant holds a whole frame at half scale, so a box maps by halving and offsetting.</summary>
    private float[,] Boxes(IReadOnlyList<ClipartVideoResult> clips, IReadOnlyList<int> seconds, IReadOnlyList<int> sounding)
    {
        var rows = new float[sounding.Count, 5];
        for (var r = 0; r < sounding.Count; r++)
        {
            var i = sounding[r];
            var frame = clips[i].Frames.First(f => f.Second == seconds[i]);
            var box = ClipartVideoBuilder.Normalise(frame.Boxes[0].Pixels, size);
            rows[r, 0] = (float)((i % 2 + box.X) / 2);
            rows[r, 1] = (float)((i / 2 + box.Y) / 2);
            rows[r, 2] = (float)(box.Width / 2);
            rows[r, 3] = (float)(box.Height / 2);
            rows[r, 4] = frame.Boxes[0].Instrument.CategoryId;
        }

        return rows;
    }
}
