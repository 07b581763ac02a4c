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

    public async Task<IReadOnlyList<AuditEntry>> ReadAsync(int limit = 1000, string? action = null) =>
        (await QueryAsync(new AuditQuery(Action: action) { Take = limit })).Entries;

    public async Task<AuditEntryPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        query = query.Bounded();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var matching = Filter(db.AuditEvents.AsNoTracking(), query);
        var total = await matching.CountAsync(cancellationToken);
        // Ids grow with time (rows are only added), and unlike times they never tie.
        var ordered = query.OldestFirst ? matching.OrderBy(r => r.Id) : matching.OrderByDescending(r => r.Id);
        var rows = await ordered.Skip(query.Skip).Take(query.Take).ToListAsync(cancellationToken);
        return new AuditEntryPage(rows.Select(r => new AuditEntry(r.Id, r.At, r.Actor, r.Action, r.Target, r.Outcome, r.SourceAddress, r.Detail))
            .ToList(), total);
    }

    private static IQueryable<AuditEventRow> Filter(IQueryable<AuditEventRow> rows, AuditQuery query)
    {
        if (query.Actor is { } actor)
            rows = rows.Where(r => r.Actor == actor);
        if (query.Action is { } action)
            rows = rows.Where(r => r.Action.StartsWith(action));
        if (query.Outcome is { } outcome)
            rows = rows.Where(r => r.Outcome == outcome);
        // Stored times are UTC (the binary form compares correctly within one offset), so the bounds are made UTC too.
        if (query.From?.ToUniversalTime() is { } from)
            rows = rows.Where(r => r.At >= from);
        if (query.Until?.ToUniversalTime() is { } until)
            rows = rows.Where(r => r.At < until);
        return rows;
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
