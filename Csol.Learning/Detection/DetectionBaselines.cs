using Csol.Learning.Data;

namespace Csol.Learning.Detection;

/// <summary>The reference points the detector is reported beside (besides the heatmap boxes and the true-box upper
/// bound): random boxes, and one box over the whole frame.</summary>
public static class DetectionBaselines
{
    /// <summary><paramref name="perImage"/> boxes per image, each of a uniformly random class, with side lengths
    /// uniform in [0.1, 1] of the frame, a uniformly random position inside it, and a uniformly random score.</summary>
    public static IReadOnlyList<ScoredBox> RandomBoxes(DetectionSet test, int classes, int perImage, int seed)
    {
        var random = new Random(seed);
        var boxes = new List<ScoredBox>();
        foreach (var image in test.Images)
            for (var i = 0; i < perImage; i++)
            {
                var (w, h) = (0.1 + 0.9 * random.NextDouble(), 0.1 + 0.9 * random.NextDouble());
                var box = new NormalizedBox((1 - w) * random.NextDouble(), (1 - h) * random.NextDouble(), w, h);
                boxes.Add(new ScoredBox(image.Index, random.Next(classes), box, random.NextDouble()));
            }
        return boxes;
    }

    /// <summary>The whole frame as a box of every class in every image, all with score 1: each class's AP is then the
    /// share of its objects large enough to overlap the frame by half, times how often the class is shown.</summary>
    public static IReadOnlyList<ScoredBox> WholeFrame(DetectionSet test, int classes)
        => test.Images.SelectMany(i => Enumerable.Range(0, classes).Select(c => new ScoredBox(i.Index, c, new NormalizedBox(0, 0, 1, 1), 1)))
            .ToArray();
}
