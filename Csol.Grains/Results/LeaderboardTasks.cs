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

    public static IReadOnlyList<string> Columns(string task) => task switch
    {
        LeaderboardKey.SingleSource => SingleSourceColumns,
        LeaderboardKey.MultiSource => MultiSourceColumns,
        _ => throw new ArgumentException($"Unknown leaderboard task \"{task}\"; expected {LeaderboardKey.SingleSource} or {LeaderboardKey.MultiSource}.", nameof(task)),
    };

    public static string RankingMetric(string task) => Columns(task)[0];

    /// <summary>The task an experiment kind is ranked on, or null for kinds without a leaderboard.</summary>
    public static string? ForKind(string kind) => kind switch
    {
        "stage-one" => LeaderboardKey.SingleSource,
        "pipeline" => LeaderboardKey.MultiSource,
        _ => null,
    };

    /// <summary>The columns' values and per-class values found in <paramref name="metrics"/>; null when the ranking
    /// metric is missing (nothing to rank).</summary>
    public static (Dictionary<string, double> Metrics, Dictionary<string, double> PerClass)? Extract(
        string task, IReadOnlyDictionary<string, double> metrics)
    {
        var columns = Columns(task);
        if (!metrics.TryGetValue(columns[0], out var ranking) || double.IsNaN(ranking))
            return null;
        var values = columns.Where(metrics.ContainsKey).ToDictionary(c => c, c => metrics[c]);
        var perClass = new Dictionary<string, double>();
        if (task == LeaderboardKey.MultiSource)
            foreach (var (name, value) in metrics)
                if (name.StartsWith(PerClassPrefix, StringComparison.Ordinal) && !name.Contains('@'))
                    perClass[name[PerClassPrefix.Length..]] = value;
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
