using Csol.Abstractions;

namespace Csol.Grains.Results;

/// <summary>The leaderboard tasks: which metric columns each shows (the first ranks) and how an experiment's final
/// metrics map onto them. Metric names are those the runners emit.</summary>
public static class LeaderboardTasks
{
    /// <summary>Stage one's validation (SingleSourceEvaluator): IoU@0.5 ranks, AUC beside it.</summary>
    public static readonly IReadOnlyList<string> SingleSourceColumns = ["val_iou@0.5", "val_auc"];

    /// <summary>The pipeline's class-aware evaluation (MultiSourceEvaluator): CIoU@0.3 ranks, AUC and NSA beside it.</summary>
    public static readonly IReadOnlyList<string> MultiSourceColumns = ["val_ciou@0.3", "val_auc", "val_nsa"];

    /// <summary>Per-class cIoU of the multi-source evaluation: <c>val_ciou_&lt;class&gt;</c>.</summary>
    public const string PerClassPrefix = "val_ciou_";

    /// <summary>The detection kind (docs/detection.md): the detector's mAP50 ranks; the heatmap boxes, random boxes,
    /// the whole frame and the true-box upper bound beside it, all on the first test set.</summary>
    public static readonly IReadOnlyList<string> DetectionColumns = ["map50", "heatmap_map50", "random_map50", "frame_map50", "upper_bound_map50"];

    /// <summary>The detector's AP50 per class on the first test set: <c>ap50_&lt;class&gt;</c>.</summary>
    public const string DetectionPerClassPrefix = "ap50_";

    public static IReadOnlyList<string> Columns(string task) => task switch
    {
        LeaderboardKey.Detection => DetectionColumns,
        LeaderboardKey.SingleSource => SingleSourceColumns,
        LeaderboardKey.MultiSource => MultiSourceColumns,
        _ => throw new ArgumentException(
            $"Unknown leaderboard task \"{task}\"; expected {LeaderboardKey.SingleSource}, {LeaderboardKey.MultiSource} or "
            + $"{LeaderboardKey.Detection}.", nameof(task)),
    };

    public static string RankingMetric(string task) => Columns(task)[0];

    /// <summary>The task an experiment kind is ranked on, or null for kinds without a leaderboard.</summary>
    public static string? ForKind(string kind) => kind switch
    {
        "stage-one" => LeaderboardKey.SingleSource,
        "pipeline" => LeaderboardKey.MultiSource,
        "detection" => LeaderboardKey.Detection,
        _ => null,
    };

    /// <summary>Stage one's test figures, scored once at the epoch chosen on validation: <c>test_iou@0.5</c>, …</summary>
    public const string TestPrefix = "test_";

    /// <summary>The columns' values and per-class values found in <paramref name="metrics"/>; null when the ranking
    /// metric is missing (nothing to rank).</summary>
    /// <remarks>Every figure is from the test split (<see cref="LeaderboardKey.FiguresSplit"/>). Stage one reports
    /// validation (<c>val_*</c>, per epoch, what model selection reads) and, once, the test frames at the chosen epoch
    /// (<c>test_*</c>): only the test figures enter, under the board's column names; a run without them has no entry,
    /// so a board never ranks a validation figure against test ones. The pipeline's and the evaluation kind's
    /// multi-source figures are their test composites' (<c>StageTwoEvaluation</c> names them <c>val_*</c>).</remarks>
    public static (Dictionary<string, double> Metrics, Dictionary<string, double> PerClass)? Extract(
        string task, IReadOnlyDictionary<string, double> metrics)
    {
        if (task == LeaderboardKey.SingleSource)
            metrics = SingleSourceColumns.Where(c => metrics.ContainsKey(TestPrefix + c["val_".Length..]))
                .ToDictionary(c => c, c => metrics[TestPrefix + c["val_".Length..]]);
        var columns = Columns(task);
        if (!metrics.TryGetValue(columns[0], out var ranking) || double.IsNaN(ranking))
            return null;
        var values = columns.Where(metrics.ContainsKey).ToDictionary(c => c, c => metrics[c]);
        var perClass = new Dictionary<string, double>();
        if (task == LeaderboardKey.MultiSource)
            foreach (var (name, value) in metrics)
                if (name.StartsWith(PerClassPrefix, StringComparison.Ordinal) && !name.Contains('@'))
                    perClass[name[PerClassPrefix.Length..]] = value;
        if (task == LeaderboardKey.Detection)
            foreach (var (name, value) in metrics)
                if (name.StartsWith(DetectionPerClassPrefix, StringComparison.Ordinal))
                    perClass[name[DetectionPerClassPrefix.Length..]] = value;
        return (values, perClass);
    }

    /// <summary>Best first: ranking metric descending, then the earlier entry.</summary>
    public static Comparison<LeaderboardEntry> Order(string task)
    {
        var metric = RankingMetric(task);
        return (a, b) =>
        {
            var byScore = Score(b, metric).CompareTo(Score(a, metric));
            return byScore != 0 ? byScore : a.RecordedAt.CompareTo(b.RecordedAt) is var t && t != 0 ? t : a.ExperimentId.CompareTo(b.ExperimentId);
        };
    }

    private static double Score(LeaderboardEntry entry, string metric)
        => entry.Metrics.TryGetValue(metric, out var v) && !double.IsNaN(v) ? v : double.NegativeInfinity;
}
