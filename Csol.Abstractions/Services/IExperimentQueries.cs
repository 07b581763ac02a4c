namespace Csol.Abstractions.Services;

/// <summary>The experiments table, queried where it is stored: filtered, sorted and cut to one page by the database,
/// so a page costs the same with ten experiments or ten thousand.</summary>
public interface IExperimentQueries
{
    Task<ExperimentPage> QueryAsync(ExperimentListQuery query, CancellationToken cancellationToken = default);
}

/// <summary>Columns the experiments table sorts by.</summary>
public enum ExperimentSortKey
{
    Created,
    Name,
    Status,
    Priority,
    Started,
    Finished,
    /// <summary>The best validation metric (<see cref="ExperimentRanking.BestMetric"/>).</summary>
    Metric,
    /// <summary>The experiment's kind (stage-one, pipeline, probe).</summary>
    Stage,
}

/// <summary>One page of the experiments table: a search over name, group, stage, dataset, device and id prefix
/// (every word must match), a status filter (deleted experiments only when it asks for them), an exact group, an
/// order, and the page.</summary>
public sealed record ExperimentListQuery
{
    public string Search { get; init; } = "";
    public ExperimentStatus? Status { get; init; }
    /// <summary>Only the experiments of this group (a sweep); null for all.</summary>
    public string? Group { get; init; }
    public ExperimentSortKey SortBy { get; init; } = ExperimentSortKey.Created;
    public bool Descending { get; init; } = true;
    /// <summary>Groups first (by name, case-insensitive), then the experiments without one; the order applies within.</summary>
    public bool GroupsFirst { get; init; }
    public int Skip { get; init; }
    /// <summary>Rows in the page (1…1000).</summary>
    public int Take { get; init; } = 50;

    /// <summary>The search split into the words that must each match.</summary>
    public IReadOnlyList<string> Terms =>
        Search.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The query with its page clamped to what a store will serve.</summary>
    public ExperimentListQuery Bounded() => this with { Skip = Math.Max(0, Skip), Take = Math.Clamp(Take, 1, 1000) };
}

/// <summary>A page of rows and how many matched in all (<see cref="Total"/>) of the <see cref="Stored"/> experiments.</summary>
public sealed record ExperimentPage(IReadOnlyList<ExperimentSummary> Rows, int Total, int Stored);

/// <summary>The metric an experiment is ranked by in lists: CIoU@0.3 for the pipeline, IoU@0.5 for stage one.</summary>
public static class ExperimentRanking
{
    public static readonly string[] RankingMetrics = ["val_ciou@0.3", "val_iou@0.5"];

    public static (string Name, double Value)? BestMetric(IReadOnlyDictionary<string, double> finalMetrics)
    {
        foreach (var name in RankingMetrics)
            if (finalMetrics.TryGetValue(name, out var value))
                return (name, value);
        return null;
    }
}
