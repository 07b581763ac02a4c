using Csol.Abstractions;
using Microsoft.EntityFrameworkCore;

namespace Csol.Silo.Persistence.ResultRecords;

public sealed class EfCheckpointRecords(IDbContextFactory<CsolDbContext> dbFactory) : ICheckpointRecords
{
    public async Task UpsertAsync(CheckpointInfo info, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.Checkpoints.FindAsync([info.Id], cancellationToken);
        if (row is null)
        {
            row = new CheckpointRow { Id = info.Id, Json = "" };
            db.Checkpoints.Add(row);
        }
        row.ExperimentId = info.ExperimentId;
        row.CreatedAt = info.CreatedAt;
        row.Deleted = info.Deleted;
        row.Json = ResultJson.Write(info);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<CheckpointInfo>> ListAsync(Guid? experimentId, bool includeDeleted, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = db.Checkpoints.AsNoTracking();
        if (experimentId is { } id)
            rows = rows.Where(r => r.ExperimentId == id);
        if (!includeDeleted)
            rows = rows.Where(r => !r.Deleted);
        var json = await rows.OrderByDescending(r => r.CreatedAt).Select(r => r.Json).ToListAsync(cancellationToken);
        return json.Select(ResultJson.Read<CheckpointInfo>).ToList();
    }
}
