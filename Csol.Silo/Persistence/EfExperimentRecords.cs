using Csol.Learning;
using System.Text.Json;
using System.Text.Json.Serialization;
using Csol.Abstractions;
using Microsoft.EntityFrameworkCore;

namespace Csol.Silo.Persistence;

public sealed class EfExperimentRecords(IDbContextFactory<CsolDbContext> dbFactory, TimeProvider clock) : IExperimentRecords
{
    private static readonly IReadOnlyDictionary<string, double> Empty = new Dictionary<string, double>();

    // A diverged run's NaN loss must round-trip like any other value.
    private static readonly JsonSerializerOptions Json = CsolJson.Record;

    public async Task UpsertAsync(ExperimentSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.Experiments.FindAsync([snapshot.Id], cancellationToken);
        if (row is null)
        {
            row = new ExperimentRecord { Id = snapshot.Id, Name = snapshot.Name, Status = "" };
            db.Experiments.Add(row);
        }
        row.Name = snapshot.Name;
        row.Status = snapshot.Status.ToString();
        row.CreatedAt = snapshot.CreatedAt;
        row.StartedAt = snapshot.StartedAt;
        row.FinishedAt = snapshot.FinishedAt;
        row.FinalMetricsJson = snapshot.FinalMetrics.Count == 0 ? null : JsonSerializer.Serialize(snapshot.FinalMetrics, Json);
        row.Priority = snapshot.Priority;
        row.Group = snapshot.Group;
        row.DatasetId = snapshot.DatasetId;
        row.Device = snapshot.Device;
        row.Kind = snapshot.Kind;
        row.Owner = snapshot.Owner;
        row.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ExperimentSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Experiments.AsNoTracking().OrderByDescending(r => r.CreatedAt).ToListAsync(cancellationToken);
        return rows.Select(ToSummary).ToList();
    }

    /// <summary>The row as lists show it.</summary>
    internal static ExperimentSummary ToSummary(ExperimentRecord r) =>
        new(r.Id, r.Name, Enum.Parse<ExperimentStatus>(r.Status), r.CreatedAt, r.StartedAt, r.FinishedAt, Metrics(r.FinalMetricsJson))
        {
            Priority = r.Priority,
            Group = r.Group,
            DatasetId = r.DatasetId,
            Device = r.Device,
            Kind = r.Kind,
            Owner = r.Owner,
        };

    internal static IReadOnlyDictionary<string, double> Metrics(string? json) =>
        json is null ? Empty : JsonSerializer.Deserialize<Dictionary<string, double>>(json, Json) ?? Empty;
}
