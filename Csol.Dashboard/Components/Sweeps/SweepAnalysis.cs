using System.Globalization;
using Csol.Abstractions;
using Csol.Dashboard.Components.Compare;

namespace Csol.Dashboard.Components.Sweeps;

/// <summary>One member of a sweep as the sweep view shows it: the values it was given, its status, and the chosen
/// metric at its best epoch and at its last.</summary>
/// <param name="Values">Swept parameter path → the value as compact JSON (null when the member's config lacks it).</param>
public sealed record SweepMember(ExperimentSummary Experiment, IReadOnlyDictionary<string, string?> Values,
    double? Best, int? BestEpoch, double? Last, int? LastEpoch);

/// <summary>A sweep's members sorted by the chosen metric (best first; members without it last), the parameters that
/// vary between them, and the metrics there are to choose from.</summary>
public sealed record SweepTable(string Metric, bool HigherIsBetter, IReadOnlyList<string> Parameters, IReadOnlyList<SweepMember> Members,
    IReadOnlyList<string> Metrics);

/// <summary>Builds the sweep view from the members' configs and metric histories.</summary>
public static class SweepAnalysis
{
    // Every member has its own name (sweep-1, sweep-2, …): not a swept parameter.
    private static readonly HashSet<string> NotSwept = new(StringComparer.Ordinal) { "name", "group" };

    /// <summary>Losses and errors rank low-first; everything else (IoU, AUC, accuracy, NSA's complement…) high-first.</summary>
    public static bool HigherIsBetter(string metric) =>
        !(metric.Contains("loss", StringComparison.OrdinalIgnoreCase) || metric.Contains("error", StringComparison.OrdinalIgnoreCase));

    /// <param name="metric">The metric to rank by; null or unknown picks the ranking metric (CIoU@0.3, IoU@0.5) or the
    /// first validation metric there is.</param>
    public static SweepTable Build(IReadOnlyList<(ExperimentSummary Experiment, string ConfigJson, IReadOnlyList<MetricPoint> Metrics)> members,
        string? metric)
    {
        var metrics = members.SelectMany(m => m.Metrics.Select(p => p.Name).Concat(m.Experiment.FinalMetrics.Keys))
            .Where(n => n.StartsWith("val_", StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var chosen = metric is not null && metrics.Contains(metric) ? metric
            : Csol.Abstractions.Services.ExperimentRanking.RankingMetrics.FirstOrDefault(metrics.Contains) ?? metrics.FirstOrDefault() ?? "";
        var higher = HigherIsBetter(chosen);

        var flattened = members.Select(m => ConfigDiff.Flatten(m.ConfigJson)).ToArray();
        var parameters = flattened.SelectMany(f => f.Keys).Distinct(StringComparer.Ordinal).Where(p => !NotSwept.Contains(p))
            .Where(p => flattened.Select(f => f.GetValueOrDefault(p)).Distinct(StringComparer.Ordinal).Count() > 1)
            .Order(StringComparer.Ordinal).ToArray();

        var rows = members.Select((m, i) => Member(m.Experiment, m.Metrics, chosen, higher,
            parameters.ToDictionary(p => p, p => flattened[i].GetValueOrDefault(p), StringComparer.Ordinal)));
        var sorted = rows.OrderBy(r => r.Best is null)
            .ThenBy(r => (higher ? -1 : 1) * (r.Best ?? 0))
            .ThenBy(r => r.Experiment.Name, StringComparer.OrdinalIgnoreCase)
            .ToArray();
        return new SweepTable(chosen, higher, parameters, sorted, metrics);
    }

    private static SweepMember Member(ExperimentSummary experiment, IReadOnlyList<MetricPoint> history, string metric, bool higher,
        IReadOnlyDictionary<string, string?> values)
    {
        var points = history.Where(p => p.Name == metric && double.IsFinite(p.Value)).OrderBy(p => p.Step).ToArray();
        if (points.Length == 0)
        {
            // A member that logged no history (or an old run) still ranks by its final value.
            double? final = experiment.FinalMetrics.TryGetValue(metric, out var v) && double.IsFinite(v) ? v : null;
            return new SweepMember(experiment, values, final, null, final, null);
        }
        // The first of equal bests: the epoch model selection would have kept.
        var best = points.Aggregate((a, b) => higher ? (b.Value > a.Value ? b : a) : (b.Value < a.Value ? b : a));
        return new SweepMember(experiment, values, best.Value, best.Epoch, points[^1].Value, points[^1].Epoch);
    }

    /// <summary>A JSON value as a cell shows it: strings without quotes.</summary>
    public static string Display(string? json) => json switch
    {
        null => "–",
        ['"', .., '"'] => json[1..^1],
        _ => json,
    };

    /// <summary>The value as a number, when it is one.</summary>
    public static double? Number(string? json) =>
        double.TryParse(json, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
}
