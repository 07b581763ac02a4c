using Csol.Learning.Data.Images;
using Csol.Learning.Data.Npy;
using SkiaSharp;

namespace Csol.Learning.Data.Loading;

/// <summary>
/// Writes a small MUSIC-layout folder of generated content (coloured frames, noise spectrograms) for benchmarks and
/// tests: <c>video_frames/&lt;video&gt;/frame_SSS/NNNNN.jpg</c> (30-fps / interval-7 numbering) and <c>audio_frames/&lt;video&gt;/SSS.npy</c>.
/// </summary>
public static class MusicLayoutGenerator
{
    /// <returns>The video names written (<c>gen{v:D3}_0_1000</c>).</returns>
    public static IReadOnlyList<string> Write(string root, int videos, int seconds, int framesPerSecond = 4, int width = 320, int height = 180,
        int seed = 0)
    {
        var random = new Random(seed);
        var names = new List<string>();
        for (var v = 0; v < videos; v++)
        {
            var video = $"gen{v:D3}_0_1000";
            names.Add(video);
            var audioDir = Directory.CreateDirectory(Path.Combine(root, MusicClipIndex.AudioFolder, video)).FullName;
            for (var s = 0; s < seconds; s++)
            {
                var frameDir = Directory.CreateDirectory(Path.Combine(root, MusicClipIndex.FramesFolder, video, $"frame_{s:D3}")).FullName;
                for (var j = 0; j < framesPerSecond; j++)
                {
                    using var frame = Frame(width, height, random);
                    FrameEncoder.WriteJpeg(Path.Combine(frameDir, $"{30 * s + 7 * j:D5}.jpg"), frame);
                }
                var logMel = new float[NpyFile.LogMelShape[0] * NpyFile.LogMelShape[1]];
                for (var i = 0; i < logMel.Length; i++)
                    logMel[i] = -80f * (float)random.NextDouble();
                NpyFile.Write(Path.Combine(audioDir, $"{s:D3}.npy"), new NpyArray<float>(NpyFile.LogMelShape, logMel));
            }
        }
        return names;
    }

    private static SKBitmap Frame(int width, int height, Random random)
    {
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)));
        using var paint = new SKPaint { Color = new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)) };
        canvas.DrawCircle(random.Next(width), random.Next(height), height / 4f, paint);
        return bitmap;
    }
}
