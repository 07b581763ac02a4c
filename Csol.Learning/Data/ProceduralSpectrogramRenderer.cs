namespace Csol.Learning.Data;

/// <summary>Synthesises a log-mel-like clip (time × mel, dB in [-80, 0]) for a class's harmonic signature.</summary>
/// <remarks>Not a real sound pushed through an STFT and mel filterbank (spec §1.1): the network only sees the log-mel
/// image, so we draw that image directly: partials as horizontal bands, a random onset and loudness, a class-specific
/// tremolo, over a noise floor. Values stay in the paper's dB range and are not normalised, as in the reference.</remarks>
internal static class ProceduralSpectrogramRenderer
{
    private const double FloorDb = -80, TopDb = 0;
    private const int Partials = 4;

    public static float[] Render(ClassSignature signature, int frames, int bands, Random random)
    {
        var power = new double[frames * bands];
        for (var i = 0; i < power.Length; i++)
            power[i] = DbToPower(-78 + 18 * random.NextDouble()); // noise floor, -78..-60 dB

        var onset = (int)(random.NextDouble() * frames / 4);
        var offset = onset + frames / 2 + (int)(random.NextDouble() * (frames - onset - frames / 2));
        var loudnessDb = -25 + 20 * random.NextDouble();
        var pitchShift = (random.NextDouble() - 0.5) * 2; // ±1 band, like different notes of one instrument
        var tremoloPhase = random.NextDouble() * 2 * Math.PI;

        for (var p = 0; p < Partials; p++)
        {
            var centre = (signature.FundamentalBand + p * signature.HarmonicSpacing) * bands + pitchShift;
            if (centre > bands - 1)
                break;
            var partialDb = loudnessDb - 6 * p;
            for (var t = onset; t < offset; t++)
            {
                var phase = 2 * Math.PI * signature.TremoloCycles * t / frames + tremoloPhase;
                var envelopeDb = partialDb + 6 * Math.Cos(phase) - 10.0 * (t - onset) / frames; // slow decay
                for (var m = Math.Max(0, (int)centre - 2); m <= Math.Min(bands - 1, (int)centre + 3); m++)
                {
                    var distance = (m - centre) / 0.9;
                    power[t * bands + m] += DbToPower(envelopeDb) * Math.Exp(-0.5 * distance * distance);
                }
            }
        }

        var db = new float[power.Length];
        for (var i = 0; i < power.Length; i++)
            db[i] = (float)Math.Clamp(10 * Math.Log10(Math.Max(power[i], 1e-10)), FloorDb, TopDb);
        return db;
    }

    private static double DbToPower(double db) => Math.Pow(10, db / 10);
}
