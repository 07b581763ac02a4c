namespace Csol.Learning.Detection;

/// <summary>Greedy class-wise non-maximum suppression: within one image and class, a box is dropped when it overlaps a
/// higher-scored kept box by more than the IoU threshold. Boxes of different classes never suppress each other.</summary>
public static class NonMaximumSuppression
{
    public static IReadOnlyList<ScoredBox> ClassWise(IEnumerable<ScoredBox> boxes, double iouThreshold)
    {
        var kept = new List<ScoredBox>();
        foreach (var group in boxes.GroupBy(b => (b.Image, b.ClassIndex)))
        {
            var survivors = new List<ScoredBox>();
            // Stable: equal scores keep their input order.
            foreach (var box in group.OrderByDescending(b => b.Score))
                if (survivors.All(s => BoxGeometry.IoU(s.Box, box.Box) <= iouThreshold))
                    survivors.Add(box);
            kept.AddRange(survivors);
        }
        return kept;
    }
}
