using Csol.Learning.Data;
using Csol.Learning.Detection;
using Csol.Learning.Experiments;
using Xunit;

namespace Csol.Tests.Learning.Detection;

[Trait("Category", "unit")]
public sealed class HeatmapBoxesTests
{
    private static readonly PseudoBoxConfig Settings = new() { RelativeThreshold = 0.5, MinPeak = 0.3, MinArea = 0, NmsIoU = 0.5 };

    /// <summary>An 8×8 map of <paramref name="background"/> with the given cells set.</summary>
    private static float[,] Map(float background, params (int Row, int Column, float Value)[] cells)
    {
        var map = new float[8, 8];
        for (var r = 0; r < 8; r++)
            for (var c = 0; c < 8; c++)
                map[r, c] = background;
        foreach (var (row, column, value) in cells)
            map[row, column] = value;
        return map;
    }

    private static (int, int, float)[] Block(int top, int left, int rows, int columns, float value)
        => Enumerable.Range(top, rows).SelectMany(r => Enumerable.Range(left, columns).Select(c => (r, c, value))).ToArray();

    [Fact]
    public void TwoBlobs_GiveTwoBoxes_WithMeanScores()
    {
        // Blob A rows 1–2, cols 1–3 at .9; blob B rows 5–6, cols 5–6: .8 and one cell .6. Peak .9, cut .45.
        var cells = Block(1, 1, 2, 3, 0.9f).Concat(Block(5, 5, 2, 2, 0.8f)).Append((6, 6, 0.6f)).ToArray();
        var map = Map(0.1f, cells);

        var boxes = HeatmapBoxes.Extract(3, [map], Settings).OrderBy(b => b.Box.X).ToArray();

        Assert.Equal(2, boxes.Length);
        Assert.Equal(new NormalizedBox(1 / 8.0, 1 / 8.0, 3 / 8.0, 2 / 8.0), boxes[0].Box);
        Assert.Equal(new NormalizedBox(5 / 8.0, 5 / 8.0, 2 / 8.0, 2 / 8.0), boxes[1].Box);
        Assert.Equal(0.9, boxes[0].Score, 6);
        Assert.Equal((3 * 0.8 + 0.6) / 4, boxes[1].Score, 6);
        Assert.All(boxes, b => Assert.Equal((3, 0), (b.Image, b.ClassIndex)));
    }

    [Fact]
    public void MaxScore_TakesTheComponentsPeak()
    {
        var map = Map(0f, (2, 2, 0.9f), (2, 3, 0.5f));

        var box = Assert.Single(HeatmapBoxes.Extract(0, [map], Settings with { Score = PseudoBoxConfig.MaxScore }));

        Assert.Equal(0.9, box.Score, 6);
        Assert.Equal(new NormalizedBox(2 / 8.0, 2 / 8.0, 2 / 8.0, 1 / 8.0), box.Box);
    }

    [Fact]
    public void DiagonalNeighbours_AreOneComponent()
    {
        // A diagonal run of four cells: 8-connectivity gives one 4×4 box.
        var map = Map(0f, (0, 0, 1f), (1, 1, 1f), (2, 2, 1f), (3, 3, 1f));

        var box = Assert.Single(HeatmapBoxes.Extract(0, [map], Settings));

        Assert.Equal(new NormalizedBox(0, 0, 0.5, 0.5), box.Box);
        Assert.Single(ConnectedComponents.Find(new bool[,] { { true, false }, { false, true } }));
    }

    [Fact]
    public void RelativeThreshold_IsPerClassMap()
    {
        // Class 0 peaks at .9 (cut .45), class 1 at .4 (cut .2): class 1's .3 cells count for class 1 only.
        var first = Map(0f, (0, 0, 0.9f), (0, 1, 0.3f));
        var second = Map(0f, (4, 4, 0.4f), (4, 5, 0.3f));

        var boxes = HeatmapBoxes.Extract(0, [first, second], Settings);

        Assert.Equal(new NormalizedBox(0, 0, 1 / 8.0, 1 / 8.0), boxes.Single(b => b.ClassIndex == 0).Box);
        Assert.Equal(new NormalizedBox(4 / 8.0, 4 / 8.0, 2 / 8.0, 1 / 8.0), boxes.Single(b => b.ClassIndex == 1).Box);
    }

    [Fact]
    public void ClassBelowMinPeak_AndAllZeroMaps_GiveNoBoxes()
    {
        var faint = Map(0f, (3, 3, 0.29f));
        var empty = Map(0f);

        Assert.Empty(HeatmapBoxes.Extract(0, [faint, empty], Settings));
    }

    [Fact]
    public void MinArea_DropsSpecks()
    {
        var map = Map(0f, Block(0, 0, 3, 3, 1f).Append((7, 7, 1f)).ToArray());

        var box = Assert.Single(HeatmapBoxes.Extract(0, [map], Settings with { MinArea = 2 / 64.0 }));

        Assert.Equal(new NormalizedBox(0, 0, 3 / 8.0, 3 / 8.0), box.Box);
    }

    [Fact]
    public void ClassWiseNms_DropsTheWeakerOverlap_ButNotAcrossClasses()
    {
        var a = new ScoredBox(0, 0, new NormalizedBox(0, 0, 0.5, 0.5), 0.9);
        var overlapping = new ScoredBox(0, 0, new NormalizedBox(0, 0, 0.5, 0.4), 0.7); // IoU .8
        var otherClass = overlapping with { ClassIndex = 1 };
        var otherImage = overlapping with { Image = 1 };
        var apart = new ScoredBox(0, 0, new NormalizedBox(0.5, 0.5, 0.5, 0.5), 0.1);

        var kept = NonMaximumSuppression.ClassWise([overlapping, a, otherClass, otherImage, apart], 0.5);

        Assert.Equal(4, kept.Count);
        Assert.DoesNotContain(overlapping, kept);
        Assert.Contains(otherClass, kept);
        Assert.Contains(otherImage, kept);
    }
}
