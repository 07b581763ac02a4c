using Csol.Learning.Data.Music;

namespace Csol.Learning.Data.Synthesis;

/// <summary>Writing generated samples, shared by the cocktail-party and duet synthesizers.</summary>
public static class SyntheticSetWriting
{
    /// <summary>Writes and disposes each sample as it is generated, so only one composite is in memory at a time.</summary>
    public static void WriteAll(this MusicSyntheticWriter writer, IEnumerable<SynthesizedSample> samples)
    {
        foreach (var sample in samples)
            using (sample)
                writer.Write(sample.Index, sample.Frame, sample.LogMel, sample.Boxes);
    }
}
