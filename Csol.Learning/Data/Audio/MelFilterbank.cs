namespace Csol.Learning.Data.Audio;

/// <summary>Triangular mel filters over the rFFT bins, a port of librosa's <c>filters.mel(..., htk=False,
/// norm='slaney')</c>: <c>n_mels + 2</c> edge frequencies evenly spaced in Slaney mel, filter i rising from edge i to
/// edge i+1 and falling to edge i+2, each scaled by <c>2 / (hz[i+2] - hz[i])</c> so it has constant area.</summary>
/// <remarks>With n_fft = 160 at 16 kHz the bins are 100 Hz apart while the low filters are ~93 Hz wide, so several
/// filters cover no bin and stay all zero (librosa warns about it); that is the reference's behaviour and we keep it.
/// Weights are rounded to float32 after the triangle and again after the norm, as librosa stores them in a float32
/// array, so the filterbank is the reference's to the last bit.</remarks>
public sealed class MelFilterbank
{
    private readonly float[,] _weights;
    private readonly int[] _firstBin;
    private readonly int[] _endBin;

    public MelFilterbank(int sampleRate, int nFft, int melBands, double fminHz = 0, double? fmaxHz = null)
    {
        var bins = nFft / 2 + 1;
        var edges = SlaneyMelScale.MelFrequencies(melBands + 2, fminHz, fmaxHz ?? sampleRate / 2.0);
        _weights = new float[melBands, bins];
        _firstBin = new int[melBands];
        _endBin = new int[melBands];
        // numpy.fft.rfftfreq's arithmetic: k · (1 / (n · (1/sr))), not k·sr/n, to agree with librosa to the bit.
        var binSpacing = 1.0 / (nFft * (1.0 / sampleRate));
        for (var m = 0; m < melBands; m++)
        {
            var norm = 2.0 / (edges[m + 2] - edges[m]);
            _firstBin[m] = bins;
            for (var k = 0; k < bins; k++)
            {
                var hz = k * binSpacing;
                var lower = (hz - edges[m]) / (edges[m + 1] - edges[m]);
                var upper = (edges[m + 2] - hz) / (edges[m + 2] - edges[m + 1]);
                var triangle = (float)Math.Max(0, Math.Min(lower, upper));
                _weights[m, k] = (float)(triangle * norm);
                if (_weights[m, k] != 0)
                {
                    _firstBin[m] = Math.Min(_firstBin[m], k);
                    _endBin[m] = k + 1;
                }
            }
            if (_endBin[m] == 0)
                _firstBin[m] = 0;
        }
        MelBands = melBands;
        Bins = bins;
    }

    public int MelBands { get; }
    public int Bins { get; }

    public float Weight(int mel, int bin) => _weights[mel, bin];

    /// <summary>Bands whose filter covers no FFT bin (always output 0 before the dB floor).</summary>
    public IEnumerable<int> EmptyBands => Enumerable.Range(0, MelBands).Where(m => _endBin[m] == 0);

    /// <summary>mel[m] = Σ_k W[m,k] · spectrum[k], summing only each filter's non-zero bins.</summary>
    public void Apply(ReadOnlySpan<double> spectrum, Span<double> mel)
    {
        for (var m = 0; m < MelBands; m++)
        {
            var sum = 0.0;
            for (var k = _firstBin[m]; k < _endBin[m]; k++)
                sum += _weights[m, k] * spectrum[k];
            mel[m] = sum;
        }
    }
}
