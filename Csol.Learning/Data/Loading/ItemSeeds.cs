namespace Csol.Learning.Data.Loading;

/// <summary>
/// A seed per (epoch seed, position) so a sample's negative and augmentation do not depend on which worker decodes it
/// or in what order (SplitMix64 finaliser: neighbouring positions get unrelated seeds).
/// </summary>
public static class ItemSeeds
{
    public static int For(int epochSeed, int position)
    {
        var z = ((ulong)(uint)epochSeed << 32 | (uint)position) + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (int)((z ^ (z >> 31)) & int.MaxValue);
    }
}
