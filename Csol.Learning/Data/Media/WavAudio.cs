namespace Csol.Learning.Data.Media;

/// <summary>Decoded WAV audio.</summary>
/// <param name="Samples">Interleaved samples in [-1, 1] (frame-major: ch0, ch1, ch0, ch1, ...).</param>
public sealed record WavAudio(int SampleRate, int Channels, float[] Samples)
{
    public int FrameCount => Samples.Length / Channels;

    /// <summary>The channel average, as librosa's <c>to_mono</c>.</summary>
    public float[] ToMono()
    {
        if (Channels == 1)
            return Samples;
        var mono = new float[FrameCount];
        for (var i = 0; i < mono.Length; i++)
        {
            var sum = 0.0;
            for (var c = 0; c < Channels; c++)
                sum += Samples[i * Channels + c];
            mono[i] = (float)(sum / Channels);
        }
        return mono;
    }
}
