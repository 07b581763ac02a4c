using Csol.Abstractions;
using Microsoft.EntityFrameworkCore;

namespace Csol.Silo.Persistence.ResultRecords;

public sealed class EfDatasetRecords(IDbContextFactory<CsolDbContext> dbFactory) : IDatasetRecords
{
    public async Task UpsertAsync(DatasetInfo info, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.Datasets.FindAsync([info.Id], cancellationToken);
        if (row is null)
        {
            row = new DatasetRow { Id = info.Id, Json = "" };
            db.Datasets.Add(row);
        }
        row.RegisteredAt = info.RegisteredAt;
        row.Json = ResultJson.Write(info);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<DatasetInfo>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var json = await db.Datasets.AsNoTracking().OrderBy(r => r.RegisteredAt).Select(r => r.Json).ToListAsync(cancellationToken);
        return json.Select(ResultJson.Read<DatasetInfo>).ToList();
    }
}
