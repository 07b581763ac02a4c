using Csol.Learning;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Orleans.Storage;

namespace Csol.Silo.Persistence;

/// <summary>Orleans grain storage over EF Core: one row per grain and state name, state as JSON, ETag checked on write.
/// Ours rather than Orleans' ADO.NET provider so that it needs no external SQL scripts and follows the platform
/// database to PostgreSQL through EF Core's providers.</summary>
public sealed class EfCoreGrainStorage(IDbContextFactory<CsolDbContext> dbFactory, TimeProvider clock) : IGrainStorage
{
    private static readonly JsonSerializerOptions Json = CsolJson.Record; // losses can diverge; a NaN must be stored, not crash the grain

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = grainId.ToString();
        await using var db = await dbFactory.CreateDbContextAsync();
        var row = await db.GrainStates.AsNoTracking().SingleOrDefaultAsync(r => r.StateName == stateName && r.GrainId == key);
        if (row is null)
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }
        grainState.State = JsonSerializer.Deserialize<T>(row.Payload, Json)
            ?? throw new InvalidDataException($"Stored state '{stateName}' of {key} is empty.");
        grainState.ETag = row.ETag;
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = grainId.ToString();
        var payload = JsonSerializer.Serialize(grainState.State, Json);
        var etag = Guid.NewGuid().ToString("N");
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync();
        if (grainState.ETag is null)
        {
            db.GrainStates.Add(new GrainStateRecord { StateName = stateName, GrainId = key, Payload = payload, ETag = etag, UpdatedAt = now });
            DbUpdateException? conflict = null;
            try
            {
                await db.SaveChangesAsync();
            }
            catch (DbUpdateException e)
            {
                conflict = e;
            }
            // Provider-neutral: whichever error code SQLite or PostgreSQL gave, if the row is there now another
            // activation wrote it first. Any other failure (a lost connection) propagates as itself.
            if (conflict is not null)
            {
                if (await ExistsAsync(stateName, key))
                    throw new InconsistentStateException($"State '{stateName}' of {key} was written by someone else.", "(exists)", "(none)",
                        conflict);
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(conflict);
            }
        }
        else
        {
            var expected = grainState.ETag;
            var updated = await db.GrainStates
                .Where(r => r.StateName == stateName && r.GrainId == key && r.ETag == expected)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Payload, payload).SetProperty(r => r.ETag, etag).SetProperty(r => r.UpdatedAt, now));
            if (updated == 0)
                throw new InconsistentStateException($"State '{stateName}' of {key} changed since it was read.", "(unknown)", expected);
        }
        grainState.ETag = etag;
        grainState.RecordExists = true;
    }

    private async Task<bool> ExistsAsync(string stateName, string key)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            return await db.GrainStates.AnyAsync(r => r.StateName == stateName && r.GrainId == key);
        }
        catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
        {
            return false; // cannot tell: the original error is the one to report
        }
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = grainId.ToString();
        await using var db = await dbFactory.CreateDbContextAsync();
        await db.GrainStates.Where(r => r.StateName == stateName && r.GrainId == key).ExecuteDeleteAsync();
        grainState.State = Activator.CreateInstance<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }
}
