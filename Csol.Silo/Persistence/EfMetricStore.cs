using System.Data.Common;
using Csol.Abstractions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Csol.Silo.Persistence;

/// <summary>Metric history in the <c>metric_points</c> table. Appends are plain inserts that skip a (step, name) already
/// stored, so a batch sent twice (a retried grain call) cannot duplicate a point.</summary>
public sealed class EfMetricStore(IDbContextFactory<CsolDbContext> dbFactory) : IMetricStore
{
    // Quoted identifiers, @-parameters and ON CONFLICT DO NOTHING are understood by SQLite and PostgreSQL alike
    // (PostgreSQL folds unquoted names to lower case; EF created these columns with their C# case).
    private const string Insert =
        "INSERT INTO metric_points (\"ExperimentId\", \"Step\", \"Name\", \"Epoch\", \"Value\", \"ElapsedSeconds\") VALUES (@e, @s, @n, @ep, @v, "
            + "@t) " +
        "ON CONFLICT (\"ExperimentId\", \"Step\", \"Name\") DO NOTHING";

    public async Task AppendAsync(Guid experimentId, IReadOnlyList<MetricPoint> points, CancellationToken cancellationToken = default)
    {
        if (points.Count == 0)
            return;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
        command.CommandText = Insert;
        var (e, s, n, ep, v, t) =
            (Add(command, "@e"), Add(command, "@s"), Add(command, "@n"), Add(command, "@ep"), Add(command, "@v"), Add(command, "@t"));
        // EF stores Guids in SQLite as upper-case text; the raw insert must match so queries through EF find the rows.
        // PostgreSQL has a uuid type, which Npgsql maps from Guid.
        e.Value = db is PostgresCsolDbContext ? experimentId : experimentId.ToString().ToUpperInvariant();
        foreach (var p in points)
        {
            (s.Value, n.Value, ep.Value, v.Value, t.Value) =
                (p.Step, p.Name, p.Epoch, double.IsNaN(p.Value) ? DBNull.Value : (object)p.Value, p.ElapsedSeconds);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<MetricPoint>> ReadAsync(Guid experimentId, int fromStep = 0, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.MetricPoints.AsNoTracking()
            .Where(p => p.ExperimentId == experimentId && p.Step >= fromStep)
            .OrderBy(p => p.Step).ThenBy(p => p.Name)
            .ToListAsync(cancellationToken);
        return rows.Select(p => new MetricPoint(p.Step, p.Epoch, p.Name, p.Value ?? double.NaN, p.ElapsedSeconds)).ToList();
    }

    public async Task DeleteAfterAsync(Guid experimentId, int step, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.MetricPoints.Where(p => p.ExperimentId == experimentId && p.Step > step).ExecuteDeleteAsync(cancellationToken);
    }

    private static DbParameter Add(DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
