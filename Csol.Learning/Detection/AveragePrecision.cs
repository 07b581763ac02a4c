namespace Csol.Learning.Detection;

/// <summary>One class's precision–recall outcome.</summary>
/// <param name="Truths">Annotated boxes of the class over all test images.</param>
/// <param name="Detections">Its detections, in descending score.</param>
/// <param name="TruePositives">Detections matched to a not yet matched box at IoU ≥ the threshold.</param>
public sealed record ClassAveragePrecision(int ClassIndex, double AveragePrecision, int Truths, int Detections, int TruePositives);

/// <summary>Detection AP the PASCAL VOC way (VOC2010 onwards): detections of a class sorted by descending score, each
/// matched greedily to the unmatched annotated box it overlaps most; AP is the area under the precision envelope
/// (all-point interpolation). mAP is the mean over the classes that have annotated boxes.</summary>
/// <remarks>As in the VOC devkit, a detection is tested against the box of its image and class it overlaps most; if
/// that box is already taken the detection is a false positive, even if it overlaps another box enough (a duplicate).
/// Equal scores keep their input order (a stable sort), so results never depend on the sort algorithm. VOC's
/// "difficult" flag has no counterpart in our annotations. A class with boxes but no detection scores 0; a class
/// without boxes has no AP and is left out of the mean.</remarks>
public static class AveragePrecision
{
    public const double DefaultIoUThreshold = 0.5;

    public static IReadOnlyList<ClassAveragePrecision> PerClass(IReadOnlyList<ScoredBox> detections, IReadOnlyList<TruthBox> truths,
        int classes, double iouThreshold = DefaultIoUThreshold)
    {
        var result = new List<ClassAveragePrecision>();
        for (var c = 0; c < classes; c++)
        {
            var classTruths = truths.Where(t => t.ClassIndex == c).ToArray();
            if (classTruths.Length == 0)
                continue;
            var classDetections = detections.Where(d => d.ClassIndex == c).OrderByDescending(d => d.Score).ToArray();
            var hits = Match(classDetections, classTruths, iouThreshold);
            result.Add(new ClassAveragePrecision(c, AllPointArea(hits, classTruths.Length), classTruths.Length, hits.Length, hits.Count(h => h)));
        }
        return result;
    }

    /// <summary>Mean of <see cref="PerClass"/>'s APs; NaN when no class has a box.</summary>
    public static double Mean(IReadOnlyList<ClassAveragePrecision> perClass)
        => perClass.Count == 0 ? double.NaN : perClass.Average(p => p.AveragePrecision);

    /// <summary>For each detection (already in descending score), whether it is a true positive.</summary>
    public static bool[] Match(IReadOnlyList<ScoredBox> sortedDetections, IReadOnlyList<TruthBox> truths, double iouThreshold)
    {
        var taken = new bool[truths.Count];
        var hits = new bool[sortedDetections.Count];
        for (var d = 0; d < sortedDetections.Count; d++)
        {
            var (best, bestIoU) = (-1, double.NegativeInfinity);
            for (var t = 0; t < truths.Count; t++)
            {
                if (truths[t].Image != sortedDetections[d].Image)
                    continue;
                var iou = BoxGeometry.IoU(sortedDetections[d].Box, truths[t].Box);
                if (iou > bestIoU)
                    (best, bestIoU) = (t, iou);
            }
            if (best >= 0 && bestIoU >= iouThreshold && !taken[best])
                hits[d] = taken[best] = true;
        }
        return hits;
    }

    /// <summary>Area under the precision envelope: recall points 0 and 1 added with precision 0, precision made
    /// monotone from the right, then Σ (r_{i+1} − r_i)·p_{i+1} over the points where recall changes.</summary>
    public static double AllPointArea(IReadOnlyList<bool> hits, int truths)
    {
        if (truths <= 0)
            throw new ArgumentOutOfRangeException(nameof(truths), "AP needs at least one annotated box");
        var recall = new double[hits.Count + 2];
        var precision = new double[hits.Count + 2];
        var truePositives = 0;
        for (var i = 0; i < hits.Count; i++)
        {
            if (hits[i])
                truePositives++;
            recall[i + 1] = (double)truePositives / truths;
            precision[i + 1] = (double)truePositives / (i + 1);
        }
        recall[^1] = 1;
        precision[^1] = 0;
        for (var i = precision.Length - 2; i >= 0; i--)
            precision[i] = Math.Max(precision[i], precision[i + 1]);
        double area = 0;
        for (var i = 0; i + 1 < recall.Length; i++)
            if (recall[i + 1] != recall[i])
                area += (recall[i + 1] - recall[i]) * precision[i + 1];
        return area;
    }
}
