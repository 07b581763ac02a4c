namespace Csol.Learning.Data.Audio;

/// <summary>librosa's <c>power_to_db(S, ref=1.0, amin=1e-10, top_db=80)</c>: 10·log10(max(x, amin)), then everything
/// below (maximum − top_db) is raised to that floor. The maximum is taken over the whole array passed in, which in the
/// reference is one second's (64 × 201) mel spectrogram.</summary>
/// <remarks>The reference feeds it the mel of the <em>magnitude</em> spectrogram (spec §1.1), so despite the name these
/// are not power decibels; we reproduce that, not the textbook definition.</remarks>
public static class PowerToDb
{
    public const double Amin = 1e-10;
    public const double TopDb = 80;

    public static void ApplyInPlace(Span<double> values)
    {
        var max = double.NegativeInfinity;
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = 10 * Math.Log10(Math.Max(values[i], Amin)); // ref = 1, so no reference term
            max = Math.Max(max, values[i]);
        }
        var floor = max - TopDb;
        for (var i = 0; i < values.Length; i++)
            values[i] = Math.Max(values[i], floor);
    }
}
