using Csol.Abstractions;
using Microsoft.EntityFrameworkCore;

namespace Csol.Silo.Persistence.ResultRecords;

public sealed class EfLeaderboardEntryStore(IDbContextFactory<CsolDbContext> dbFactory) : ILeaderboardEntryStore
{
    public async Task<IReadOnlyList<LeaderboardEntry>> LoadAsync(LeaderboardKey key, CancellationToken cancellationToken = default)
    {
        var board = key.ToString();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var json = await db.LeaderboardEntries.AsNoTracking().Where(r => r.Board == board).Select(r => r.Json).ToListAsync(cancellationToken);
        return json.Select(ResultJson.Read<LeaderboardEntry>).ToList();
    }

    public async Task UpsertAsync(LeaderboardKey key, LeaderboardEntry entry, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var board = key.ToString();
        var row = await db.LeaderboardEntries.FindAsync([board, entry.ExperimentId], cancellationToken);
        if (row is null)
        {
            row = new LeaderboardEntryRow { Board = board, ExperimentId = entry.ExperimentId, Json = "" };
            db.LeaderboardEntries.Add(row);
        }
        row.RecordedAt = entry.RecordedAt;
        row.Json = ResultJson.Write(entry);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Adds many new entries in one transaction (the benchmark's fill; the grain upserts one at a time).</summary>
    public async Task InsertManyAsync(LeaderboardKey key, IEnumerable<LeaderboardEntry> entries, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var board = key.ToString();
        db.LeaderboardEntries.AddRange(entries.Select(e => new LeaderboardEntryRow
        {
            Board = board, ExperimentId = e.ExperimentId, RecordedAt = e.RecordedAt, Json = ResultJson.Write(e),
        }));
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<LeaderboardKey>> ListKeysAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var boards = await db.LeaderboardEntries.AsNoTracking().Select(r => r.Board).Distinct().ToListAsync(cancellationToken);
        return boards.Order(StringComparer.Ordinal).Select(b =>
        {
            var slash = b.LastIndexOf('/');
            return new LeaderboardKey(b[..slash], b[(slash + 1)..]);
        }).ToList();
    }
}
