using Csol.Abstractions;
using Csol.Abstractions.Services;

namespace Csol.Tests.Dashboard;

/// <summary>The experiments table's query semantics over a list, for component tests; the database's are tested against
/// it in <c>ExperimentQueriesTests</c> (same rows, same pages).</summary>
internal sealed class InMemoryExperimentQueries(IExperimentService experiments) : IExperimentQueries
{
    public int Calls { get; private set; }
    public ExperimentListQuery? Last { get; private set; }

    public async Task<ExperimentPage> QueryAsync(ExperimentListQuery query, CancellationToken cancellationToken = default)
    {
        Calls++;
        Last = query = query.Bounded();
        var all = await experiments.ListAsync(cancellationToken);
        var matching = Apply(all, query);
        return new ExperimentPage(matching.Skip(query.Skip).Take(query.Take).ToArray(), matching.Count, all.Count);
    }

    public static IReadOnlyList<ExperimentSummary> Apply(IEnumerable<ExperimentSummary> rows, ExperimentListQuery query)
    {
        var terms = query.Terms;
        var matching = rows.Where(r => (query.Status is null ? r.Status != ExperimentStatus.Deleted : r.Status == query.Status)
            && (query.Group is null || r.Group == query.Group)
            && terms.All(t => Matches(r, t)));
        return Order(matching, query).ToArray();
    }

    private static bool Matches(ExperimentSummary row, string term) =>
        Contains(row.Name, term) || Contains(row.Group, term) || Contains(row.DatasetId, term) || Contains(row.Device, term)
        || Contains(row.Kind, term) || row.Id.ToString().StartsWith(term, StringComparison.OrdinalIgnoreCase);

    private static bool Contains(string? value, string term) => value?.Contains(term, StringComparison.OrdinalIgnoreCase) == true;

    private static IEnumerable<ExperimentSummary> Order(IEnumerable<ExperimentSummary> rows, ExperimentListQuery query)
    {
        var grouped = rows.OrderBy(r => query.GroupsFirst && string.IsNullOrWhiteSpace(r.Group))
            .ThenBy(r => query.GroupsFirst ? r.Group?.ToLowerInvariant() : null, StringComparer.Ordinal);
        var sign = query.Descending ? -1 : 1;
        IOrderedEnumerable<ExperimentSummary> sorted = query.SortBy switch
        {
            ExperimentSortKey.Name => By(grouped, r => r.Name.ToLowerInvariant(), StringComparer.Ordinal, query.Descending),
            ExperimentSortKey.Status => By(grouped, r => r.Status, Comparer<ExperimentStatus>.Default, query.Descending),
            ExperimentSortKey.Stage => By(grouped, r => r.Kind ?? "", StringComparer.Ordinal, query.Descending),
            ExperimentSortKey.Priority => By(grouped, r => r.Priority, Comparer<int>.Default, query.Descending),
            ExperimentSortKey.Started => By(grouped, r => r.StartedAt, Comparer<DateTimeOffset?>.Default, query.Descending),
            ExperimentSortKey.Finished => By(grouped, r => r.FinishedAt, Comparer<DateTimeOffset?>.Default, query.Descending),
            ExperimentSortKey.Metric => grouped.ThenBy(r => ExperimentRanking.BestMetric(r.FinalMetrics) is null)
                .ThenBy(r => sign * (ExperimentRanking.BestMetric(r.FinalMetrics)?.Value ?? 0)),
            _ => By(grouped, r => r.CreatedAt, Comparer<DateTimeOffset>.Default, query.Descending),
        };
        return sorted.ThenByDescending(r => r.CreatedAt).ThenBy(r => r.Id.ToString("D").ToUpperInvariant(), StringComparer.Ordinal);
    }

    private static IOrderedEnumerable<ExperimentSummary> By<T>(IOrderedEnumerable<ExperimentSummary> rows, Func<ExperimentSummary, T> key,
        IComparer<T> comparer, bool descending) =>
        descending ? rows.ThenByDescending(key, comparer) : rows.ThenBy(key, comparer);
}
