using System.Runtime.InteropServices;

namespace Csol.Learning.Data.Media;

/// <summary>Decodes any audio or video file to 16 kHz mono float32 samples with ffmpeg.</summary>
/// <remarks>Stands in for the reference's <c>librosa.load(wav, sr=16000)</c>. Channels are averaged as librosa does
/// (ffmpeg's default stereo→mono matrix is ½L + ½R); the resampler differs (ffmpeg's swresample, librosa's soxr), so
/// samples agree closely but not bit for bit.</remarks>
public sealed class AudioDecoder(FfmpegRunner ffmpeg)
{
    public const int SampleRate = 16000;

    /// <exception cref="FfmpegException">ffmpeg cannot decode the file or finds no audio in it.</exception>
    public async Task<float[]> DecodeAsync(string path, CancellationToken cancellationToken = default)
    {
        var bytes = await ffmpeg.RunAsync("ffmpeg",
            ["-nostdin", "-v", "error", "-i", path, "-vn", "-ac", "1", "-ar", $"{SampleRate}", "-f", "f32le", "-"],
            cancellationToken).ConfigureAwait(false);
        return MemoryMarshal.Cast<byte, float>(bytes.AsSpan(0, bytes.Length / sizeof(float) * sizeof(float))).ToArray();
    }
}
