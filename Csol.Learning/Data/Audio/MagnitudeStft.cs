using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace Csol.Learning.Data.Audio;

/// <summary>|STFT| as librosa computes it with <c>center=True, pad_mode='constant'</c> and a periodic Hann window
/// (<c>scipy.signal.get_window('hann', n_fft, fftbins=True)</c>): the signal is zero-padded by n_fft/2 on both sides and
/// frame t covers padded samples [t·hop, t·hop + n_fft).</summary>
/// <remarks>The DFT is one float64 matrix product, frames (T × n_fft) · table (n_fft × 2·bins) with the window folded
/// into the cosine and sine columns, done by libtorch. A hand-written C# loop was ~30 audio seconds per second in our
/// Debug builds (unoptimised JIT), which is how <c>csol</c> usually runs; the native product is fast in any build.
/// Everything accumulates in double where librosa works in float32, so values agree to float32 rounding.</remarks>
public sealed class MagnitudeStft
{
    private readonly int _nFft;
    private readonly int _hop;
    private readonly Tensor _table; // [n, k] = w[n]·cos(2πkn/N), [n, Bins + k] = w[n]·sin(2πkn/N); float64, CPU

    public MagnitudeStft(int nFft, int hop)
    {
        _nFft = nFft;
        _hop = hop;
        Bins = nFft / 2 + 1;
        var table = new double[nFft * 2 * Bins];
        for (var n = 0; n < nFft; n++)
        {
            var window = 0.5 - 0.5 * Math.Cos(2 * Math.PI * n / nFft); // periodic: divides by N, not N-1
            for (var k = 0; k < Bins; k++)
            {
                // (k·n) mod N keeps the angle small, so every bin uses the same exact twiddle values.
                var angle = 2 * Math.PI * (k * n % nFft) / nFft;
                table[n * 2 * Bins + k] = window * Math.Cos(angle);
                table[n * 2 * Bins + Bins + k] = window * Math.Sin(angle);
            }
        }
        // Lives as long as this (long-lived, shared) instance; its finalizer frees the 200 KB native copy.
        _table = tensor(table, [nFft, 2 * Bins]);
    }

    public int Bins { get; }

    public int FrameCount(int sampleCount) => 1 + sampleCount / _hop; // centred: (len + 2·(N/2) − N) / hop + 1

    /// <summary>Writes |STFT| as [frame * Bins + bin] into <paramref name="magnitude"/>.</summary>
    public void Compute(ReadOnlySpan<float> samples, Span<double> magnitude)
    {
        var frameCount = FrameCount(samples.Length);
        if (magnitude.Length < frameCount * Bins)
            throw new ArgumentException($"needs {frameCount * Bins} values", nameof(magnitude));
        var padded = new double[samples.Length + _nFft];
        for (var i = 0; i < samples.Length; i++)
            padded[_nFft / 2 + i] = samples[i];
        var frames = new double[frameCount * _nFft];
        for (var t = 0; t < frameCount; t++)
            Array.Copy(padded, t * _hop, frames, t * _nFft, _nFft);

        using var scope = NewDisposeScope();
        using var spectrum = matmul(tensor(frames, [frameCount, _nFft]), _table);
        // Only the product goes native: small element-wise torch ops cost more in thread hand-offs than they save.
        var values = MemoryMarshal.Cast<byte, double>(spectrum.bytes);
        for (var t = 0; t < frameCount; t++)
        {
            var row = values.Slice(t * 2 * Bins, 2 * Bins);
            for (var k = 0; k < Bins; k++)
                magnitude[t * Bins + k] = Math.Sqrt(row[k] * row[k] + row[Bins + k] * row[Bins + k]);
        }
    }
}
