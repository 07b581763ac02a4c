using Csol.Learning.Data;
using Csol.Learning.Detection;
using Xunit;

namespace Csol.Tests.Learning.Detection;

[Trait("Category", "unit")]
public sealed class AveragePrecisionTests
{
    private static readonly NormalizedBox Left = new(0, 0, 0.5, 1);
    private static readonly NormalizedBox Right = new(0.5, 0, 0.5, 1);

    private static double ApOf(ScoredBox[] detections, TruthBox[] truths, int classIndex = 0)
        => AveragePrecision.PerClass(detections, truths, classes: 3).Single(p => p.ClassIndex == classIndex).AveragePrecision;

    [Fact]
    public void PerfectDetection_ScoresOne()
    {
        var truths = new[] { new TruthBox(0, 0, Left), new TruthBox(1, 0, Right) };
        var detections = new[] { new ScoredBox(0, 0, Left, 0.9), new ScoredBox(1, 0, Right, 0.3) };

        Assert.Equal(1.0, ApOf(detections, truths), 12);
    }

    [Fact]
    public void Duplicate_IsAFalsePositive()
    {
        // Sorted: image-0 hit (P 1, R .5), its duplicate (P .5, R .5), image-1 hit (P 2/3, R 1).
        // Envelope: 1 up to R .5, 2/3 up to R 1 → AP = .5·1 + .5·2/3 = 5/6. Counting the duplicate as a hit would
        // instead reach R 1 at the second detection.
        var truths = new[] { new TruthBox(0, 0, Left), new TruthBox(1, 0, Left) };
        var detections = new[] { new ScoredBox(0, 0, Left, 0.9), new ScoredBox(0, 0, Left, 0.8), new ScoredBox(1, 0, Left, 0.7) };

        var perClass = AveragePrecision.PerClass(detections, truths, classes: 1);

        Assert.Equal(5.0 / 6.0, perClass[0].AveragePrecision, 12);
        Assert.Equal(2, perClass[0].TruePositives);
        Assert.Equal(3, perClass[0].Detections);
    }

    [Fact]
    public void Duplicate_OfTheBestOverlappingBox_StaysFalse_EvenIfAnotherBoxOverlapsEnough()
    {
        // VOC tests only the most-overlapping box. Truth A = [0,1]×[0,1], truth B = [0,.8]×[0,1] (IoU with the
        // detection .8 vs 1). The second detection equals A again: A is taken, so it is false though B overlaps it .8.
        var a = new NormalizedBox(0, 0, 1, 1);
        var b = new NormalizedBox(0, 0, 0.8, 1);
        var hits =
            AveragePrecision.Match([new ScoredBox(0, 0, a, 0.9), new ScoredBox(0, 0, a, 0.8)], [new TruthBox(0, 0, a), new TruthBox(0, 0, b)], 0.5);

        Assert.Equal([true, false], hits);
    }

    [Fact]
    public void Miss_HalvesTheRecallReached()
    {
        // One of two boxes found, first and only detection: P 1 at R .5, then nothing → AP .5.
        var truths = new[] { new TruthBox(0, 0, Left), new TruthBox(0, 0, Right) };

        Assert.Equal(0.5, ApOf([new ScoredBox(0, 0, Left, 0.6)], truths), 12);
        Assert.Equal(0.0, ApOf([], truths), 12); // no detection at all
    }

    [Fact]
    public void TwoClasses_MeanOverClassesWithBoxesOnly()
    {
        // Class 0 perfect; class 1 finds one of two after a false positive; class 2 has detections but no box: left out.
        var truths = new[] { new TruthBox(0, 0, Left), new TruthBox(0, 1, Right), new TruthBox(1, 1, Right) };
        var detections = new[]
        {
            new ScoredBox(0, 0, Left, 0.9), new ScoredBox(0, 1, Right, 0.8),
            new ScoredBox(1, 1, Left, 0.95), // wrong place: IoU 0 with image 1's box
            new ScoredBox(0, 2, Left, 0.99),
        };

        var perClass = AveragePrecision.PerClass(detections, truths, classes: 3);

        Assert.Equal([0, 1], perClass.Select(p => p.ClassIndex));
        Assert.Equal(1.0, perClass[0].AveragePrecision, 12);
        // Class 1 sorted: the miss (P 0, R 0), then the hit (P .5, R .5) → AP = .5·.5 = .25.
        Assert.Equal(0.25, perClass[1].AveragePrecision, 12);
        Assert.Equal(0.625, AveragePrecision.Mean(perClass), 12);
        Assert.True(double.IsNaN(AveragePrecision.Mean([])));
    }

    [Fact]
    public void ScoreOrdering_DecidesTheArea()
    {
        // One box, a false positive and a hit. Hit first: P 1 at R 1 → AP 1. False positive first: P .5 at R 1 → AP .5.
        var truths = new[] { new TruthBox(0, 0, Left) };
        var hit = new ScoredBox(0, 0, Left, 0.5);
        var wrong = new ScoredBox(0, 0, Right, 0.5);

        Assert.Equal(1.0, ApOf([wrong with { Score = 0.4 }, hit], truths), 12);
        Assert.Equal(0.5, ApOf([wrong with { Score = 0.6 }, hit], truths), 12);
        Assert.Equal(0.5, ApOf([wrong, hit], truths), 12); // equal scores keep input order
    }

    [Fact]
    public void PrecisionEnvelope_TakesTheBestPrecisionAtHigherRecall()
    {
        // Three boxes; hits F, T, F, T, T: P = 0, .5, 1/3, .5, .6 at R = 0, 1/3, 1/3, 2/3, 1.
        // Envelope: .6 from R 0 on (the best precision at any recall ≥ r) → AP = .6.
        Assert.Equal(0.6, AveragePrecision.AllPointArea([false, true, false, true, true], 3), 12);
        // Hits T, F, T over 4 boxes: P 1, .5, 2/3 at R .25, .25, .5 → .25·1 + .25·2/3 = 5/12.
        Assert.Equal(5.0 / 12.0, AveragePrecision.AllPointArea([true, false, true], 4), 12);
    }

    [Fact]
    public void IoUThreshold_IsInclusive()
    {
        // Detection = the whole frame, truth = its left half: IoU exactly .5 → a hit; a truth slightly smaller misses.
        var whole = new NormalizedBox(0, 0, 1, 1);
        Assert.Equal(0.5, BoxGeometry.IoU(whole, Left), 12);
        Assert.Equal(1.0, ApOf([new ScoredBox(0, 0, whole, 1)], [new TruthBox(0, 0, Left)]), 12);
        Assert.Equal(0.0, ApOf([new ScoredBox(0, 0, whole, 1)], [new TruthBox(0, 0, Left with { Width = 0.49 })]), 12);
    }
}
