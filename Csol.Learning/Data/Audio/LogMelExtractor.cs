namespace Csol.Learning.Data.Audio;

/// <summary>The log-mel features of spec §1.1: per 16000-sample second, |STFT| (n_fft 160, hop 80, periodic Hann,
/// centred with zero padding; 81 × 201) → Slaney mel filterbank (64 bands, 0–8000 Hz, slaney norm) → power_to_db
/// (ref 1, amin 1e-10, top_db 80) → transposed to (201 time, 64 mel) float32.</summary>
/// <remarks>Instances are immutable after construction and safe to share between threads; each call allocates its own
/// scratch buffers.</remarks>
public sealed class LogMelExtractor
{
    public const int SampleRate = 16000;
    public const int NFft = 160;
    public const int Hop = 80;
    public const int MelBands = 64;
    public const int Frames = SampleRate / Hop + 1; // 201

    private readonly MagnitudeStft _stft = new(NFft, Hop);

    public MelFilterbank Filterbank { get; } = new(SampleRate, NFft, MelBands, fminHz: 0, fmaxHz: 8000);

    /// <summary>Log-mel of exactly one second (16000 samples at 16 kHz, mono), shape (201, 64).</summary>
    public float[,] Compute(ReadOnlySpan<float> samples)
    {
        if (samples.Length != SampleRate)
            throw new ArgumentException($"a log-mel second needs exactly {SampleRate} samples at {SampleRate} Hz, got {samples.Length}",
                nameof(samples));
        var bins = _stft.Bins;
        var magnitude = new double[Frames * bins];
        _stft.Compute(samples, magnitude);

        var mel = new double[Frames * MelBands]; // time-major already: the transpose of librosa's (64, 201)
        for (var t = 0; t < Frames; t++)
            Filterbank.Apply(magnitude.AsSpan(t * bins, bins), mel.AsSpan(t * MelBands, MelBands));
        PowerToDb.ApplyInPlace(mel);

        var result = new float[Frames, MelBands];
        for (var t = 0; t < Frames; t++)
            for (var m = 0; m < MelBands; m++)
                result[t, m] = (float)mel[t * MelBands + m];
        return result;
    }

    /// <summary>One (201, 64) log-mel per whole second of a 16 kHz mono waveform, as the reference cuts it into
    /// floor(len / 16000) non-overlapping chunks; a trailing partial second is dropped.</summary>
    public IReadOnlyList<float[,]> ComputeSeconds(ReadOnlySpan<float> waveform)
    {
        var seconds = new float[waveform.Length / SampleRate][,];
        for (var s = 0; s < seconds.Length; s++)
            seconds[s] = Compute(waveform.Slice(s * SampleRate, SampleRate));
        return seconds;
    }
}
