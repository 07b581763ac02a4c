using System.Numerics;
using System.Runtime.InteropServices;

namespace Csol.Learning.Data.Audio;

/// <summary>|STFT| as librosa computes it with <c>center=True, pad_mode='constant'</c> and a periodic Hann window
/// (<c>scipy.signal.get_window('hann', n_fft, fftbins=True)</c>): the signal is zero-padded by n_fft/2 on both sides and
/// frame t covers padded samples [t·hop, t·hop + n_fft).</summary>
/// <remarks>With n_fft = 160 a direct DFT against a precomputed table (window folded in) is simpler than a mixed-radix
/// FFT and, vectorised, fast enough (hundreds of audio seconds per second). It accumulates in double, where librosa
/// works in float32, so values agree to float32 rounding rather than bit for bit.</remarks>
public sealed class MagnitudeStft
{
    private readonly int _nFft;
    private readonly int _hop;
    private readonly double[] _cos; // [bin * nFft + n] = w[n]·cos(2π·bin·n/nFft)
    private readonly double[] _sin;

    public MagnitudeStft(int nFft, int hop)
    {
        _nFft = nFft;
        _hop = hop;
        Bins = nFft / 2 + 1;
        _cos = new double[Bins * nFft];
        _sin = new double[Bins * nFft];
        for (var n = 0; n < nFft; n++)
        {
            var window = 0.5 - 0.5 * Math.Cos(2 * Math.PI * n / nFft); // periodic: divides by N, not N-1
            for (var k = 0; k < Bins; k++)
            {
                // (k·n) mod N keeps the angle small, so every bin uses the same exact twiddle values.
                var angle = 2 * Math.PI * (k * n % nFft) / nFft;
                _cos[k * nFft + n] = window * Math.Cos(angle);
                _sin[k * nFft + n] = window * Math.Sin(angle);
            }
        }
    }

    public int Bins { get; }

    public int FrameCount(int sampleCount) => 1 + sampleCount / _hop; // centred: (len + 2·(N/2) − N) / hop + 1

    /// <summary>Writes |STFT| as [frame * Bins + bin] into <paramref name="magnitude"/>.</summary>
    public void Compute(ReadOnlySpan<float> samples, Span<double> magnitude)
    {
        var frames = FrameCount(samples.Length);
        if (magnitude.Length < frames * Bins)
            throw new ArgumentException($"needs {frames * Bins} values", nameof(magnitude));
        var padded = new double[samples.Length + _nFft];
        for (var i = 0; i < samples.Length; i++)
            padded[_nFft / 2 + i] = samples[i];
        for (var t = 0; t < frames; t++)
        {
            var frame = padded.AsSpan(t * _hop, _nFft);
            for (var k = 0; k < Bins; k++)
            {
                var re = Dot(frame, _cos.AsSpan(k * _nFft, _nFft));
                var im = Dot(frame, _sin.AsSpan(k * _nFft, _nFft));
                magnitude[t * Bins + k] = Math.Sqrt(re * re + im * im);
            }
        }
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var width = Vector<double>.Count;
        var acc = Vector<double>.Zero;
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var va = MemoryMarshal.Cast<double, Vector<double>>(a);
            var vb = MemoryMarshal.Cast<double, Vector<double>>(b);
            for (var v = 0; v < va.Length; v++)
                acc += va[v] * vb[v];
            i = va.Length * width;
        }
        var sum = Vector.Sum(acc);
        for (; i < a.Length; i++)
            sum += a[i] * b[i];
        return sum;
    }
}
