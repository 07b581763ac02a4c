namespace Csol.Learning.Data.Synthesis;

/// <summary>Choices the spec leaves UNCONFIRMED for MUSIC-Synthetic (§1.3), made configurable.</summary>
/// <param name="CompositeSize">Side of the square composite in pixels (224, the network's input, so no later resize
/// blurs it); must be even so the halves are whole pixels.</param>
/// <param name="GainMin">Each sounding clip is scaled by a gain drawn from U[GainMin, GainMax] (the "random jittering").</param>
/// <param name="GainMax">See <paramref name="GainMin"/>. After summing, the mix is rescaled if its peak exceeds 1.</param>
public sealed record SynthesisOptions(int CompositeSize = 224, double GainMin = 0.8, double GainMax = 1.2)
{
    public SynthesisOptions Validated()
    {
        if (CompositeSize < 2 || CompositeSize % 2 != 0)
            throw new ArgumentOutOfRangeException(nameof(CompositeSize), CompositeSize, "must be a positive even number");
        if (GainMin <= 0 || GainMax < GainMin)
            throw new ArgumentOutOfRangeException(nameof(GainMax), GainMax, $"gains need 0 < GainMin ({GainMin}) <= GainMax");
        return this;
    }
}
