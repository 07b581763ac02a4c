using System.Globalization;
using System.Text;
using Csol.Abstractions.Services;
using Csol.Silo.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Csol.Silo.Security;

/// <summary>The audit trail in the platform database (table <c>audit_events</c>).</summary>
public sealed class EfAuditTrail(IDbContextFactory<CsolDbContext> dbFactory, IHttpContextAccessor http, TimeProvider clock,
    ILogger<EfAuditTrail> logger)
    : IAuditTrail
{
    public async Task RecordAsync(string actor, string action, string target, string outcome, string? sourceAddress = null, string? detail = null)
    {
        var row = new AuditEventRow
        {
            At = clock.GetUtcNow(), Actor = Clip(actor, 256), Action = Clip(action, 64), Target = Clip(target, 512), Outcome = Clip(outcome, 16),
            SourceAddress = sourceAddress ?? http.HttpContext?.Connection.RemoteIpAddress?.ToString(),
            Detail = detail is null ? null : Clip(detail, 2000),
        };
        await using var db = await dbFactory.CreateDbContextAsync();
        db.AuditEvents.Add(row);
        await db.SaveChangesAsync();
        // The log gets the fact, not the detail (which may quote user input).
        logger.LogInformation("Audit: {Actor} {Action} {Target}: {Outcome}", row.Actor, row.Action, row.Target, row.Outcome);
    }

    public async Task<IReadOnlyList<AuditEntry>> ReadAsync(int limit = 1000, string? action = null)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var query = db.AuditEvents.AsNoTracking();
        if (!string.IsNullOrEmpty(action))
            query = query.Where(r => r.Action.StartsWith(action));
        var rows = await query.OrderByDescending(r => r.Id).Take(Math.Clamp(limit, 1, 100_000)).ToListAsync();
        return rows.Select(r => new AuditEntry(r.Id, r.At, r.Actor, r.Action, r.Target, r.Outcome, r.SourceAddress, r.Detail)).ToList();
    }

    /// <summary>RFC 4180 CSV, one line per entry, times in UTC ISO 8601. Cells that a spreadsheet would run as a formula
    /// (=, +, -, @) get a leading quote mark.</summary>
    public static string ToCsv(IEnumerable<AuditEntry> entries)
    {
        var csv = new StringBuilder("id,time_utc,actor,action,target,outcome,source_address,detail\n");
        foreach (var e in entries)
            csv.AppendJoin(',', e.Id.ToString(CultureInfo.InvariantCulture),
                e.At.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
                Cell(e.Actor), Cell(e.Action), Cell(e.Target), Cell(e.Outcome), Cell(e.SourceAddress), Cell(e.Detail)).Append('\n');
        return csv.ToString();
    }

    private static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
            return "";
        if (value[0] is '=' or '+' or '-' or '@')
            value = "'" + value;
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
    }

    private static string Clip(string value, int length) => value.Length <= length ? value : value[..length];
}
