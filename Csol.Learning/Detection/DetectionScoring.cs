using Csol.Learning.Experiments;

namespace Csol.Learning.Detection;

/// <summary>Scores one method's boxes on one test set and files them as metrics: <c>{method}_map50</c> and
/// <c>{method}_ap50_{class}</c>, prefixed <c>{set}_</c> for every test set but the first (e.g. <c>duettest_map50</c>); the detector's are also
/// <c>map50</c> and <c>ap50_{class}</c> (the leaderboard's columns).</summary>
public sealed class DetectionScoring(ExperimentConfig config, IReadOnlyList<string> names, Dictionary<string, double> metrics)
{
    private string? primary;

    public void Score(DetectionSet test, string method, IReadOnlyList<ScoredBox> boxes)
    {
        primary ??= test.Name;
        // A prefix, not a suffix, for the other sets: class names may hold underscores (acoustic_guitar).
        var set = test.Name == primary ? "" : $"{test.Name}_";
        var perClass = AveragePrecision.PerClass(boxes, test.Truths.ToArray(), names.Count, config.Detection.IoUThreshold);
        var prefixes = method == "detector" ? new[] { $"{set}{method}_", set } : [$"{set}{method}_"];
        foreach (var prefix in prefixes)
        {
            metrics[$"{prefix}map50"] = AveragePrecision.Mean(perClass);
            foreach (var p in perClass)
                metrics[$"{prefix}ap50_{names[p.ClassIndex]}"] = p.AveragePrecision;
        }
        metrics[$"{set}{method}_boxes"] = boxes.Count;
    }
}
