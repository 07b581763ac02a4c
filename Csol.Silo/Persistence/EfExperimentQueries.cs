using System.Linq.Expressions;
using Csol.Abstractions;
using Csol.Abstractions.Services;
using Microsoft.EntityFrameworkCore;

namespace Csol.Silo.Persistence;

/// <summary>The experiments table's pages, filtered, sorted and cut by the database (SQLite or PostgreSQL).</summary>
/// <remarks>The ranking metric lives in the metrics JSON, which the providers query differently; sorting by it reads
/// only (id, metrics) of the matching rows and orders those here, then fetches the page's rows. 10,000 experiments
/// cost a few tens of milliseconds that way (<c>csol bench dashboard</c>); a ranking column would make it SQL.</remarks>
public sealed class EfExperimentQueries(IDbContextFactory<CsolDbContext> dbFactory) : IExperimentQueries
{
    private static readonly string Deleted = nameof(ExperimentStatus.Deleted);

    public async Task<ExperimentPage> QueryAsync(ExperimentListQuery query, CancellationToken cancellationToken = default)
    {
        query = query.Bounded();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var matching = Filter(db.Experiments.AsNoTracking(), query);
        var total = await matching.CountAsync(cancellationToken);
        var stored = await db.Experiments.CountAsync(cancellationToken);
        var rows = query.SortBy == ExperimentSortKey.Metric
            ? await PageByMetricAsync(db, matching, query, cancellationToken)
            : await Order(matching, query).Skip(query.Skip).Take(query.Take).ToListAsync(cancellationToken);
        return new ExperimentPage(rows.Select(EfExperimentRecords.ToSummary).ToArray(), total, stored);
    }

    private static IQueryable<ExperimentRecord> Filter(IQueryable<ExperimentRecord> rows, ExperimentListQuery query)
    {
        // Deleted experiments are kept as records but hidden unless the status filter asks for them.
        rows = query.Status is { } status
            ? rows.Where(r => r.Status == status.ToString())
            : rows.Where(r => r.Status != Deleted);
        if (query.Group is { } group)
            rows = rows.Where(r => r.Group == group);
        foreach (var term in query.Terms.Select(t => t.ToLowerInvariant()))
            rows = rows.Where(r => r.Name.ToLower().Contains(term)
                || (r.Group != null && r.Group.ToLower().Contains(term))
                || (r.DatasetId != null && r.DatasetId.ToLower().Contains(term))
                || (r.Device != null && r.Device.ToLower().Contains(term))
                || (r.Kind != null && r.Kind.ToLower().Contains(term))
                || r.Id.ToString().ToLower().StartsWith(term));
        return rows;
    }

    private static IQueryable<ExperimentRecord> Order(IQueryable<ExperimentRecord> rows, ExperimentListQuery query)
    {
        IOrderedQueryable<ExperimentRecord>? ordered = null;
        if (query.GroupsFirst)
        {
            ordered = rows.OrderBy(r => r.Group == null || r.Group.Trim() == "");
            ordered = ordered.ThenBy(r => r.Group!.ToLower());
        }
        var descending = query.Descending;
        ordered = query.SortBy switch
        {
            ExperimentSortKey.Name => By(rows, ordered, r => r.Name.ToLower(), descending),
            ExperimentSortKey.Status => By(rows, ordered, StatusOrder(), descending),
            ExperimentSortKey.Stage => By(rows, ordered, r => r.Kind ?? "", descending),
            ExperimentSortKey.Priority => By(rows, ordered, r => r.Priority, descending),
            ExperimentSortKey.Started => By(rows, ordered, r => r.StartedAt, descending),
            ExperimentSortKey.Finished => By(rows, ordered, r => r.FinishedAt, descending),
            _ => By(rows, ordered, r => r.CreatedAt, descending),
        };
        return ordered.ThenByDescending(r => r.CreatedAt).ThenBy(r => r.Id);
    }

    private static IOrderedQueryable<ExperimentRecord> By<TKey>(IQueryable<ExperimentRecord> rows, IOrderedQueryable<ExperimentRecord>? ordered,
        Expression<Func<ExperimentRecord, TKey>> key, bool descending) => ordered is null
        ? descending ? rows.OrderByDescending(key) : rows.OrderBy(key)
        : descending ? ordered.ThenByDescending(key) : ordered.ThenBy(key);

    /// <summary>The status's place in <see cref="ExperimentStatus"/> (stored as its name), as a CASE the database sorts by.</summary>
    private static Expression<Func<ExperimentRecord, int>> StatusOrder()
    {
        var row = Expression.Parameter(typeof(ExperimentRecord), "r");
        var status = Expression.Property(row, nameof(ExperimentRecord.Status));
        Expression order = Expression.Constant(int.MaxValue);
        foreach (var value in Enum.GetValues<ExperimentStatus>().Reverse())
            order = Expression.Condition(Expression.Equal(status, Expression.Constant(value.ToString())), Expression.Constant((int)value), order);
        return Expression.Lambda<Func<ExperimentRecord, int>>(order, row);
    }

    private static async Task<List<ExperimentRecord>> PageByMetricAsync(CsolDbContext db, IQueryable<ExperimentRecord> matching,
        ExperimentListQuery query, CancellationToken cancellationToken)
    {
        var keys = await matching.Select(r => new { r.Id, r.Group, r.CreatedAt, r.FinalMetricsJson }).ToListAsync(cancellationToken);
        var sign = query.Descending ? -1 : 1;
        var ranked = keys
            .Select(k => (k.Id, k.Group, k.CreatedAt, Best: ExperimentRanking.BestMetric(EfExperimentRecords.Metrics(k.FinalMetricsJson))?.Value))
            .OrderBy(k => query.GroupsFirst && string.IsNullOrWhiteSpace(k.Group))
            .ThenBy(k => query.GroupsFirst ? k.Group?.ToLowerInvariant() : null, StringComparer.Ordinal)
            // Runs without the metric sort last whichever the direction.
            .ThenBy(k => k.Best is null)
            .ThenBy(k => sign * (k.Best ?? 0))
            .ThenByDescending(k => k.CreatedAt)
            .ThenBy(k => k.Id)
            .Skip(query.Skip).Take(query.Take)
            .Select(k => k.Id).ToArray();
        var rows = await db.Experiments.AsNoTracking().Where(r => ranked.Contains(r.Id)).ToListAsync(cancellationToken);
        return [.. rows.OrderBy(r => Array.IndexOf(ranked, r.Id))];
    }
}
