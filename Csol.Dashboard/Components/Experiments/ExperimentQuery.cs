using Csol.Abstractions;

namespace Csol.Dashboard.Components.Experiments;

/// <summary>Columns the experiments table sorts by.</summary>
public enum ExperimentSortKey
{
    Created,
    Name,
    Status,
    Priority,
    Started,
    Finished,
    /// <summary>The best validation metric (<see cref="ExperimentQuery.BestMetric"/>).</summary>
    Metric,
    /// <summary>The experiment's kind (stage-one, pipeline, probe).</summary>
    Stage,
}

/// <summary>What the experiments table shows: a search over name, group, dataset and device, a status filter and an
/// order. Kept apart from the page so it is tested without a browser.</summary>
public sealed record ExperimentQuery
{
    public string Search { get; init; } = "";
    public ExperimentStatus? Status { get; init; }
    public ExperimentSortKey SortBy { get; init; } = ExperimentSortKey.Created;
    public bool Descending { get; init; } = true;

    /// <summary>The metric an experiment is ranked by: IoU@0.5 for stage one, CIoU@0.3 for the pipeline.</summary>
    public static readonly string[] RankingMetrics = ["val_ciou@0.3", "val_iou@0.5"];

    public IReadOnlyList<ExperimentSummary> Apply(IEnumerable<ExperimentSummary> rows)
    {
        var terms = Search.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var matching = rows.Where(r => (Status is null || r.Status == Status) && terms.All(t => Matches(r, t)));
        return Order(matching).ToArray();
    }

    /// <summary>Rows in groups (a sweep's runs together); the experiments without a group come last, under null.</summary>
    public static IReadOnlyList<IGrouping<string?, ExperimentSummary>> Grouped(IReadOnlyList<ExperimentSummary> ordered) =>
        ordered.GroupBy(r => string.IsNullOrWhiteSpace(r.Group) ? null : r.Group)
            .OrderBy(g => g.Key is null)
            .ThenBy(g => g.Key, StringComparer.OrdinalIgnoreCase)
            .ToArray();

    public static (string Name, double Value)? BestMetric(ExperimentSummary row)
    {
        foreach (var name in RankingMetrics)
            if (row.FinalMetrics.TryGetValue(name, out var value))
                return (name, value);
        return null;
    }

    /// <summary>A running experiment's place: its step of the total.</summary>
    public static string StepText(ExperimentSnapshot s) => $"step {s.LastStep} of {s.TotalSteps}";

    private static bool Matches(ExperimentSummary row, string term) =>
        Contains(row.Name, term) || Contains(row.Group, term) || Contains(row.DatasetId, term) || Contains(row.Device, term) || Contains(row.Kind, term)
        || row.Id.ToString().StartsWith(term, StringComparison.OrdinalIgnoreCase);

    private static bool Contains(string? value, string term) => value?.Contains(term, StringComparison.OrdinalIgnoreCase) == true;

    private IEnumerable<ExperimentSummary> Order(IEnumerable<ExperimentSummary> rows)
    {
        IOrderedEnumerable<ExperimentSummary> sorted = SortBy switch
        {
            ExperimentSortKey.Name => By(rows, r => r.Name, StringComparer.OrdinalIgnoreCase),
            ExperimentSortKey.Status => By(rows, r => r.Status, Comparer<ExperimentStatus>.Default),
            ExperimentSortKey.Stage => By(rows, r => r.Kind ?? "", StringComparer.Ordinal),
            ExperimentSortKey.Priority => By(rows, r => r.Priority, Comparer<int>.Default),
            ExperimentSortKey.Started => By(rows, r => r.StartedAt, Comparer<DateTimeOffset?>.Default),
            ExperimentSortKey.Finished => By(rows, r => r.FinishedAt, Comparer<DateTimeOffset?>.Default),
            // Runs without the metric sort last whichever the direction.
            ExperimentSortKey.Metric => rows.OrderBy(r => BestMetric(r) is null)
                .ThenBy(r => (Descending ? -1 : 1) * (BestMetric(r)?.Value ?? 0)),
            _ => By(rows, r => r.CreatedAt, Comparer<DateTimeOffset>.Default),
        };
        return sorted.ThenByDescending(r => r.CreatedAt).ThenBy(r => r.Id);
    }

    private IOrderedEnumerable<ExperimentSummary> By<T>(IEnumerable<ExperimentSummary> rows, Func<ExperimentSummary, T> key, IComparer<T> comparer) =>
        Descending ? rows.OrderByDescending(key, comparer) : rows.OrderBy(key, comparer);
}
