using System.Text.Json.Serialization;

namespace Csol.Abstractions;

/// <summary>The platform's queryable record of experiments (a table), kept in step by the experiment grains.
/// Behind an interface so the host chooses the store (SQLite now, PostgreSQL in the distributed mode).</summary>
public interface IExperimentRecords
{
    Task UpsertAsync(ExperimentSnapshot snapshot, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ExperimentSummary>> ListAsync(CancellationToken cancellationToken = default);
}

/// <summary>One row of the experiments table.</summary>
public sealed record ExperimentSummary(
    Guid Id,
    string Name,
    ExperimentStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    IReadOnlyDictionary<string, double> FinalMetrics)
{
    public int Priority { get; init; }
    public string? Group { get; init; }
    public string? DatasetId { get; init; }
    public string? Device { get; init; }
    /// <summary>The config's kind (stage-one, pipeline, probe).</summary>
    public string? Kind { get; init; }

    /// <summary>The final metrics measured on validation data (<c>val_*</c>), in name order: what lists show.</summary>
    [JsonIgnore]
    public IEnumerable<KeyValuePair<string, double>> ValidationMetrics =>
        FinalMetrics.Where(m => m.Key.StartsWith("val_", StringComparison.Ordinal)).OrderBy(m => m.Key, StringComparer.Ordinal);
}
