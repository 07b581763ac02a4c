using Csol.Abstractions;
using Microsoft.EntityFrameworkCore;

namespace Csol.Silo.Persistence.ExperimentLog;

/// <summary>The experiment log in the platform database's <c>experiment_log</c> table (rows are only ever added).</summary>
public sealed class EfExperimentLog(IDbContextFactory<CsolDbContext> dbFactory, TimeProvider clock, ILogger<EfExperimentLog> logger) : IExperimentLog
{
    /// <summary>Longer messages (a stack of nested errors) are cut: the log is for reading at a glance.</summary>
    public const int MaxMessageLength = 2000;

    public async Task AppendAsync(Guid experimentId, string level, string message)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            db.ExperimentLog.Add(new ExperimentLogRow
            {
                ExperimentId = experimentId, At = clock.GetUtcNow(), Level = level,
                Message = message.Length > MaxMessageLength ? message[..MaxMessageLength] + "…" : message,
            });
            await db.SaveChangesAsync();
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not write to the log of experiment {Id}: {Message}", experimentId, message);
        }
    }

    public async Task<IReadOnlyList<ExperimentLogLine>> ReadAsync(Guid experimentId, int max = 500)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var rows = await db.ExperimentLog.AsNoTracking().Where(r => r.ExperimentId == experimentId)
            .OrderByDescending(r => r.Id).Take(max).ToListAsync();
        return rows.OrderBy(r => r.Id).Select(r => new ExperimentLogLine(r.ExperimentId, r.Id, r.At, r.Level, r.Message)).ToArray();
    }
}
