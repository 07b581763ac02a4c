using Bunit;
using Csol.Abstractions.Services;
using Csol.Dashboard.Components.Pages.Admin;
using Csol.Tests.Dashboard;
using Csol.Silo.Persistence;
using Csol.Silo.Security;
using Csol.Tests.Support;
using Csol.Tests.Support.Servers;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Csol.Tests.Security;

/// <summary>The audit page's query on both stores (a SQLite file and a PostgreSQL database, each with its migrations):
/// filters, order and page are SQL, and both providers answer alike.</summary>
[Trait("Category", "host")]
[Collection(ClusterServersCollection.Name)]
public sealed class AuditQueryTests(ClusterServers servers) : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _folder = TestPaths.NewTempDirectory("csol-audit-query");

    public static TheoryData<string> Stores => ["sqlite", "postgres"];

    [Theory, MemberData(nameof(Stores))]
    public async Task Page_two_holds_the_next_older_entries_and_the_total_counts_them_all(string store)
    {
        var trail = await TrailAsync(store);

        var first = await trail.QueryAsync(new() { Take = 50 });
        var second = await trail.QueryAsync(new() { Skip = 50, Take = 50 });

        Assert.Equal((60, 60), (first.Total, second.Total));
        Assert.Equal(Enumerable.Range(10, 50).Reverse().Select(Target), first.Entries.Select(e => e.Target));
        Assert.Equal(Enumerable.Range(0, 10).Reverse().Select(Target), second.Entries.Select(e => e.Target));
        var oldest = await trail.QueryAsync(new() { OldestFirst = true, Take = 3 });
        Assert.Equal([Target(0), Target(1), Target(2)], oldest.Entries.Select(e => e.Target));
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task User_action_outcome_and_time_range_filter_in_the_store(string store)
    {
        var trail = await TrailAsync(store);

        var ann = await trail.QueryAsync(new("ann") { Take = 100 });
        Assert.Equal(30, ann.Total);
        Assert.All(ann.Entries, e => Assert.Equal("ann", e.Actor));
        Assert.Equal(0, (await trail.QueryAsync(new("An"))).Total); // the user exactly, on both providers
        Assert.Equal(40, (await trail.QueryAsync(new(Action: "token"))).Total); // token.create and token.refused
        Assert.Equal(20, (await trail.QueryAsync(new(Action: "token.c"))).Total);
        Assert.Equal(20, (await trail.QueryAsync(new(Outcome: "denied"))).Total);
        // Entry i was written at Start + i minutes: [10, 20) is ten entries, whatever offset the bounds are given in.
        var range = await trail.QueryAsync(new(From: Start.AddMinutes(10), Until: Start.AddMinutes(20).ToOffset(TimeSpan.FromHours(2))));
        Assert.Equal(Enumerable.Range(10, 10).Reverse().Select(Target), range.Entries.Select(e => e.Target));
        var both = await trail.QueryAsync(new("bob", "token", "denied", Start.AddMinutes(30)));
        Assert.Equal(Enumerable.Range(30, 30).Where(i => i % 2 == 1 && i % 3 == 2).Reverse().Select(Target), both.Entries.Select(e => e.Target));
        Assert.Equal((null, null), (new AuditQuery(" ", "").Bounded().Actor, new AuditQuery(" ", "").Bounded().Action));
    }

    [Fact]
    public async Task The_audit_page_asks_the_store_for_each_page_and_filter()
    {
        var trail = await TrailAsync("sqlite");
        await using var ctx = new BunitContext().AddMud();
        ctx.Services.AddSingleton<IAuditTrail>(trail);
        var page = ctx.RenderPage<AuditPage>();
        page.WaitForAssertion(() => Assert.Equal(50, page.FindAll(Rows).Count));
        Assert.Equal(Target(59), Cell(page, 0, 4));
        Assert.Equal(("2026-11-30 08:59:00", "127.0.0.1"), (Cell(page, 0, 1), Cell(page, 0, 6)));
        Assert.Contains("60 entries", page.Find("[data-testid=audit-count]").TextContent);

        page.Find("button[aria-label='Next page']").Click();
        page.WaitForAssertion(() => Assert.Equal(10, page.FindAll(Rows).Count));
        Assert.Equal((Target(9), Target(0)), (Cell(page, 0, 4), Cell(page, 9, 4)));

        page.InputOf("audit-actor").Change("ann");
        page.WaitForAssertion(() => Assert.Contains("30 entries", page.Find("[data-testid=audit-count]").TextContent));
        Assert.Equal(30, page.FindAll(Rows).Count); // back on page 1 for the new filter
        Assert.All(page.FindAll($"{Rows} > td:nth-child(2)"), td => Assert.Equal("ann", td.TextContent.Trim()));
        Assert.Equal("api/audit/csv?actor=ann", page.Find("[data-testid=audit-csv]").GetAttribute("href"));

        page.InputOf("audit-from").Change("2026-11-30T08:10");
        page.InputOf("audit-until").Change("2026-11-30T08:20");
        page.WaitForAssertion(() => Assert.Equal([Target(18), Target(16), Target(14), Target(12), Target(10)], Column(page, 4)));
        Assert.Equal("api/audit/csv?actor=ann&from=2026-11-30T08%3A10%3A00Z&until=2026-11-30T08%3A20%3A00Z",
            page.Find("[data-testid=audit-csv]").GetAttribute("href"));
        page.InputOf("audit-until").Change("tomorrow");
        page.WaitForAssertion(() => Assert.Contains("expected yyyy-MM-ddTHH:mm", page.Markup));
        Assert.Equal(5, page.FindAll(Rows).Count); // a time it cannot read changes nothing

        page.Find("th.csol-sort-time .sortable-column-header").Click();
        page.WaitForAssertion(() => Assert.Equal([Target(10), Target(12), Target(14), Target(16), Target(18)], Column(page, 4)));
    }

    private const string Rows = "tr.csol-audit-row";

    private static string Cell(IRenderedComponent<AuditPage> page, int row, int column) =>
        page.FindAll(Rows)[row].QuerySelectorAll("td")[column - 1].TextContent.Trim();

    private static string[] Column(IRenderedComponent<AuditPage> page, int column) =>
        page.FindAll($"{Rows} > td:nth-child({column})").Select(td => td.TextContent.Trim()).ToArray();

    /// <summary>60 entries, one a minute: actors ann (even) and bob (odd); actions sign-in, token.create, token.refused by
    /// i mod 3; outcomes ok, ok, denied by i mod 3 (so every token.refused is denied).</summary>
    private async Task<EfAuditTrail> TrailAsync(string store)
    {
        var options = store == "sqlite"
            ? new DbContextOptionsBuilder<CsolDbContext>()
                .UseSqlite(PersistenceExtensions.ConnectionString(Path.Combine(_folder.Path, "csol.db"))).Options
            : new DbContextOptionsBuilder<CsolDbContext>().UseNpgsql(await servers.Postgres.CreateDatabaseAsync("audit")).Options;
        var factory = new Factory(options, store == "postgres");
        await using (var db = factory.CreateDbContext())
            await db.Database.MigrateAsync();
        var clock = new SteppedClock(Start);
        var trail = new EfAuditTrail(factory, new HttpContextAccessor(), clock, NullLogger<EfAuditTrail>.Instance);
        for (var i = 0; i < 60; i++)
        {
            clock.Now = Start.AddMinutes(i);
            string[] actions = ["sign-in", "token.create", "token.refused"];
            await trail.RecordAsync(i % 2 == 0 ? "ann" : "bob", actions[i % 3], Target(i), i % 3 == 2 ? "denied" : "ok", "127.0.0.1");
        }
        return trail;
    }

    private static string Target(int i) => $"entry {i:00}";

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    private sealed class Factory(DbContextOptions<CsolDbContext> options, bool postgres) : IDbContextFactory<CsolDbContext>
    {
        public CsolDbContext CreateDbContext() => postgres ? new PostgresCsolDbContext(options) : new CsolDbContext(options);
    }

    private sealed class SteppedClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
