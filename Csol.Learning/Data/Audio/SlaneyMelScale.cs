namespace Csol.Learning.Data.Audio;

/// <summary>The Slaney (Auditory Toolbox) mel scale, librosa's default (<c>htk=False</c>): linear below 1000 Hz at
/// 200/3 Hz per mel, logarithmic above with a step of ln(6.4)/27 per mel, so 1000 Hz is 15 mel and 6400 Hz is 42 mel.</summary>
public static class SlaneyMelScale
{
    private const double HzPerMel = 200.0 / 3;
    private const double MinLogHz = 1000;
    private const double MinLogMel = MinLogHz / HzPerMel; // 15
    private static readonly double LogStep = Math.Log(6.4) / 27;

    public static double HzToMel(double hz) =>
        hz >= MinLogHz ? MinLogMel + Math.Log(hz / MinLogHz) / LogStep : hz / HzPerMel;

    public static double MelToHz(double mel) =>
        mel >= MinLogMel ? MinLogHz * Math.Exp(LogStep * (mel - MinLogMel)) : mel * HzPerMel;

    /// <summary><paramref name="count"/> frequencies (Hz) evenly spaced on the mel scale from <paramref name="fminHz"/>
    /// to <paramref name="fmaxHz"/> inclusive, like librosa's <c>mel_frequencies</c>.</summary>
    public static double[] MelFrequencies(int count, double fminHz, double fmaxHz)
    {
        var lo = HzToMel(fminHz);
        var hi = HzToMel(fmaxHz);
        // numpy.linspace's arithmetic (i·step + start, last point set to stop), so the edges match librosa's bits.
        var step = (hi - lo) / (count - 1);
        var hz = new double[count];
        for (var i = 0; i < count; i++)
            hz[i] = MelToHz(i == count - 1 ? hi : i * step + lo);
        return hz;
    }
}
