using Csol.Learning.Experiments;

namespace Csol.Learning.Detection;

/// <summary>Scores one method's boxes on one test set and files them as metrics: <c>{method}_map50</c> and
/// <c>{method}_ap50_{class}</c>, suffixed <c>_{set}</c> for every test set but the first; the detector's are also
/// <c>map50</c> and <c>ap50_{class}</c> (the leaderboard's columns).</summary>
public sealed class DetectionScoring(ExperimentConfig config, IReadOnlyList<string> names, Dictionary<string, double> metrics)
{
    private string? primary;

    public void Score(DetectionSet test, string method, IReadOnlyList<ScoredBox> boxes)
    {
        primary ??= test.Name;
        var suffix = test.Name == primary ? "" : $"_{test.Name}";
        var perClass = AveragePrecision.PerClass(boxes, test.Truths.ToArray(), names.Count, config.Detection.IoUThreshold);
        var prefixes = method == "detector" ? new[] { $"{method}_", "" } : [$"{method}_"];
        foreach (var prefix in prefixes)
        {
            metrics[$"{prefix}map50{suffix}"] = AveragePrecision.Mean(perClass);
            foreach (var p in perClass)
                metrics[$"{prefix}ap50_{names[p.ClassIndex]}{suffix}"] = p.AveragePrecision;
        }
        metrics[$"{method}_boxes{suffix}"] = boxes.Count;
    }
}
