using Csol.Dashboard.Components.Charts;
using Csol.Abstractions;

namespace Csol.Dashboard.Components.Compare;

/// <summary>One compared run: its snapshot and metric history; when a checkpoint is compared, that checkpoint, whose
/// metrics stand in for the run's final ones.</summary>
public sealed record ComparedRun(ExperimentSnapshot Snapshot, IReadOnlyList<MetricPoint> History, CheckpointInfo? Checkpoint = null)
{
    /// <summary>Short label for columns and legends: the name (and the checkpoint's stage and epoch), with the id's start
    /// when labels repeat.</summary>
    public string Label { get; init; } = Snapshot.Name;

    /// <summary>The compared metrics: the checkpoint's, or the run's final ones.</summary>
    public IReadOnlyDictionary<string, double> Metrics => Checkpoint?.Metrics ?? Snapshot.FinalMetrics;

    /// <summary>The label before telling repeats apart.</summary>
    public string BaseLabel => Checkpoint is { } c ? $"{Snapshot.Name} · {c.Stage} e{c.Epoch}" : Snapshot.Name;

    public Guid Key => Checkpoint?.Id ?? Snapshot.Id;
}

/// <summary>Per-class values of one run for the bar chart.</summary>
public sealed record ClassBarGroup(string ClassName, IReadOnlyList<double?> Values);

/// <summary>The numbers behind the Compare page, apart from markup so they are tested without a browser.</summary>
public static class Comparison
{
    public const string PerClassPrefix = "val_ciou_";
    public static readonly string[] Palette = ["#1e88e5", "#e53935", "#43a047", "#fb8c00"];

    /// <summary>Labels that tell runs apart even when two have the same name.</summary>
    public static IReadOnlyList<ComparedRun> Labelled(IReadOnlyList<ComparedRun> runs) =>
        runs.Select(r => runs.Count(o => o.BaseLabel == r.BaseLabel) > 1
            ? r with { Label = $"{r.BaseLabel} ({r.Key.ToString()[..8]})" }
            : r with { Label = r.BaseLabel }).ToArray();

    /// <summary>Metric names that any run recorded over time, loss first then the validation ones by name.</summary>
    public static IReadOnlyList<string> CurveNames(IReadOnlyList<ComparedRun> runs) =>
        runs.SelectMany(r => r.History.Select(p => p.Name)).Distinct(StringComparer.Ordinal)
            .OrderBy(n => n == "loss" ? 0 : n.StartsWith("val_", StringComparison.Ordinal) ? 1 : 2).ThenBy(n => n, StringComparer.Ordinal)
            .ToArray();

    /// <summary>One line per run for <paramref name="metric"/> (runs without it are left out), coloured by run position.</summary>
    public static IReadOnlyList<LineSeries> Curves(IReadOnlyList<ComparedRun> runs, string metric) =>
        runs.Select((r, i) => new LineSeries(r.Label, Palette[i % Palette.Length],
                r.History.Where(p => p.Name == metric).GroupBy(p => p.Step).Select(g => ((double)g.Key, g.Last().Value))
                    .OrderBy(p => p.Item1).ToArray()))
            .Where(s => s.Points.Count > 0)
            .ToArray();

    /// <summary>Final validation metrics in name order, per-class ones apart (they go to the bar chart).</summary>
    public static IReadOnlyList<string> MetricNames(IReadOnlyList<ComparedRun> runs) =>
        runs.SelectMany(r => r.Metrics.Keys)
            .Where(k => k.StartsWith("val_", StringComparison.Ordinal) && !k.StartsWith(PerClassPrefix, StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();

    /// <summary>Per-class cIoU of each run (null where a run has no value for the class), classes by name.</summary>
    public static IReadOnlyList<ClassBarGroup> PerClass(IReadOnlyList<ComparedRun> runs) =>
        runs.SelectMany(r => r.Metrics.Keys)
            .Where(k => k.StartsWith(PerClassPrefix, StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(k => new ClassBarGroup(k[PerClassPrefix.Length..],
                runs.Select(r => r.Metrics.TryGetValue(k, out var v) ? v : (double?)null).ToArray()))
            .ToArray();

    /// <summary>Which run has the best value of a metric: the highest, or the lowest for losses. Null with fewer than two
    /// values or when all are equal.</summary>
    public static int? Best(IReadOnlyList<ComparedRun> runs, string metric)
    {
        var lowerIsBetter = metric.Contains("loss", StringComparison.Ordinal);
        var candidates = runs.Select((r, i) => (i, v: r.Metrics.TryGetValue(metric, out var v) ? v : double.NaN))
            .Where(x => double.IsFinite(x.v)).ToArray();
        if (candidates.Length < 2 || candidates.All(c => c.v == candidates[0].v))
            return null;
        return (lowerIsBetter ? candidates.MinBy(x => x.v) : candidates.MaxBy(x => x.v)).i;
    }
}
