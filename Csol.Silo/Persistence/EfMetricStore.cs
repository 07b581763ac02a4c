using System.Data.Common;
using Csol.Abstractions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Csol.Silo.Persistence;

/// <summary>Metric history in the <c>metric_points</c> table. A report's batch is one statement (PostgreSQL: the batch
/// as arrays, unnested; SQLite: multi-row inserts of a few hundred rows each, in one transaction) that skips a (step,
/// name) already stored, so a batch sent twice (a retried grain call) cannot duplicate a point, and a batch is stored
/// whole or not at all.</summary>
public sealed class EfMetricStore(IDbContextFactory<CsolDbContext> dbFactory) : IMetricStore
{
    // Quoted identifiers: PostgreSQL folds unquoted names to lower case; EF created these columns with their C# case.
    private const string Columns = "(\"ExperimentId\", \"Step\", \"Name\", \"Epoch\", \"Value\", \"ElapsedSeconds\")";
    private const string SkipStored = " ON CONFLICT (\"ExperimentId\", \"Step\", \"Name\") DO NOTHING";

    // One statement whatever the batch size (the points go as six arrays): one round trip, one plan, one transaction.
    private const string PostgresInsert = "INSERT INTO metric_points " + Columns +
        " SELECT @e, u.s, u.n, u.ep, u.v, u.t FROM unnest(@s, @n, @ep, @v, @t) AS u(s, n, ep, v, t)" + SkipStored;

    // Six parameters a row: well under SQLite's limit of 32766 variables a statement.
    private const int SqliteRowsPerStatement = 500;

    public async Task AppendAsync(Guid experimentId, IReadOnlyList<MetricPoint> points, CancellationToken cancellationToken = default)
    {
        if (points.Count == 0)
            return;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        if (db is PostgresCsolDbContext)
        {
            await using var command = Command(db, PostgresInsert);
            Add(command, "@e", experimentId); // PostgreSQL has a uuid type, which Npgsql maps from Guid
            Add(command, "@s", points.Select(p => p.Step).ToArray());
            Add(command, "@n", points.Select(p => p.Name).ToArray());
            Add(command, "@ep", points.Select(p => p.Epoch).ToArray());
            Add(command, "@v", points.Select(p => double.IsNaN(p.Value) ? null : (double?)p.Value).ToArray());
            Add(command, "@t", points.Select(p => p.ElapsedSeconds).ToArray());
            await command.ExecuteNonQueryAsync(cancellationToken);
            return;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var chunk in points.Chunk(SqliteRowsPerStatement))
        {
            await using var command = Command(db, SqliteInsert(chunk.Length));
            command.Transaction = transaction.GetDbTransaction();
            // EF stores Guids in SQLite as upper-case text; the raw insert must match so queries through EF find the rows.
            Add(command, "@e", experimentId.ToString().ToUpperInvariant());
            for (var i = 0; i < chunk.Length; i++)
            {
                var p = chunk[i];
                Add(command, $"@s{i}", p.Step);
                Add(command, $"@n{i}", p.Name);
                Add(command, $"@ep{i}", p.Epoch);
                Add(command, $"@v{i}", double.IsNaN(p.Value) ? DBNull.Value : p.Value);
                Add(command, $"@t{i}", p.ElapsedSeconds);
            }
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    private static string SqliteInsert(int rows) =>
        "INSERT INTO metric_points " + Columns + " VALUES " +
        string.Join(", ", Enumerable.Range(0, rows).Select(i => $"(@e, @s{i}, @n{i}, @ep{i}, @v{i}, @t{i})")) + SkipStored;

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

    private static DbCommand Command(CsolDbContext db, string text)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = text;
        return command;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
