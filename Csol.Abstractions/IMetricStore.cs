namespace Csol.Abstractions;

/// <summary>Append-only metric history, one row per (experiment, step, name): a point can be stored once only.
/// Behind an interface so the host chooses the store (SQLite now, PostgreSQL in the distributed mode).</summary>
public interface IMetricStore
{
    /// <summary>Stores the points, all or none, durably once it returns; a point whose (step, name) is already stored for
    /// this experiment is ignored.</summary>
    Task AppendAsync(Guid experimentId, IReadOnlyList<MetricPoint> points, CancellationToken cancellationToken = default);

    /// <summary>Points with <c>Step &gt;= fromStep</c>, by step then name.</summary>
    Task<IReadOnlyList<MetricPoint>> ReadAsync(Guid experimentId, int fromStep = 0, CancellationToken cancellationToken = default);

    /// <summary>Removes points with <c>Step &gt; step</c>: what a lost attempt reported past the checkpoint a new attempt
    /// resumes from, so the new attempt's points replace them rather than collide.</summary>
    Task DeleteAfterAsync(Guid experimentId, int step, CancellationToken cancellationToken = default);
}
