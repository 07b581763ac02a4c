using Csol.Learning.Data.Audio;
using Xunit;

namespace Csol.Tests.Learning.Data.Audio;

[Trait("Category", "unit")]
[Collection(nameof(PowerToDbTests))] // its own collection: runs in parallel
public sealed class PowerToDbTests
{
    [Fact]
    public void ApplyInPlace_IsTenLog10WithAminAndAn80DbFloorBelowTheMaximum()
    {
        double[] values = [100, 1, 1e-3, 1e-7, 0, -5];

        PowerToDb.ApplyInPlace(values);

        // 10·log10: 100 → 20, 1 → 0, 1e-3 → −30; max is 20 so the floor is −60: 1e-7 (−70) → −60,
        // 0 and negatives become amin 1e-10 (−100) → −60.
        Assert.Equal([20, 0, -30, -60, -60, -60], values.Select(v => Math.Round(v, 9)));
    }

    [Fact]
    public void ApplyInPlace_AllZero_GivesMinus100Everywhere()
    {
        // Everything clamps to amin = 1e-10 → −100 dB; the floor (−180) does not bite.
        double[] values = [0, 0, 0];

        PowerToDb.ApplyInPlace(values);

        Assert.All(values, v => Assert.Equal(-100, v, 9));
    }
}
