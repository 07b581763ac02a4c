using Csol.Learning.Data.Media;
using Xunit;

namespace Csol.Tests.Learning.Data.Media;

[Trait("Category", "unit")]
[Collection(nameof(FramePlanTests))] // its own collection: runs in parallel
public sealed class FramePlanTests
{
    [Fact]
    public void For30Fps_TakesEvery7thFrameUnderItsOwnIndex()
    {
        var plan = FramePlan.For(30, 90, 2);

        Assert.Equal([0, 7, 14, 21, 30, 37, 44, 51], plan.Select(f => f.GlobalIndex));
        Assert.Equal([0L, 7, 14, 21, 30, 37, 44, 51], plan.Select(f => f.SourceFrame));
        Assert.Equal(Path.Combine("frame_001", "00037.jpg"), plan[5].RelativePath);
    }

    [Fact]
    public void For25Fps_KeepsThe30FpsNamesAndTakesTheFrameShownAtThatTime()
    {
        // t = s + 7j/30 → floor(25·t): 0, floor(5.83) = 5, floor(11.67) = 11, floor(17.5) = 17; then +25.
        var plan = FramePlan.For(25, 75, 2);

        Assert.Equal([0, 7, 14, 21, 30, 37, 44, 51], plan.Select(f => f.GlobalIndex));
        Assert.Equal([0L, 5, 11, 17, 25, 30, 36, 42], plan.Select(f => f.SourceFrame));
    }

    [Fact]
    public void ForNtscRate_FloorsWithoutDriftingOnExactMultiples()
    {
        // 29.97 fps: t = 1 + 21/30 = 1.7 s → 50.949 → frame 50.
        var plan = FramePlan.For(30000.0 / 1001, 100, 2);

        Assert.Equal(50, plan[7].SourceFrame);
        Assert.Equal(0, plan[0].SourceFrame);
    }
}
