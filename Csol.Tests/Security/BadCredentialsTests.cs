using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Csol.Dashboard.Security;
using Csol.Abstractions.Services;
using Csol.Silo.Persistence;
using Csol.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Csol.Tests.Security;

/// <summary>Each bad credential gets its status code and an audit entry, and changes nothing.</summary>
[Trait("Category", "host")]
public sealed partial class BadCredentialsTests
{
    [Fact]
    public async Task Wrong_password_forged_antiforgery_expired_revoked_read_only_and_tampered_credentials_are_refused_and_audited()
    {
        using var data = TestPaths.NewTempDirectory("csol-bad-credentials");
        await using var host = await PlatformHost.StartAsync(data.Path);
        var rita = await host.AddUserAsync("rita", CsolRoles.Researcher);
        var readOnly = await host.AddUserAsync("rhea", CsolRoles.Researcher, scope: "read");
        var audit = host.Services.GetRequiredService<IAuditTrail>();
        var queue = new { config = TinyConfigs.Probe(name: "never"), source = "bad.json" };

        // Wrong password on the sign-in form: back to the form with an error, no session cookie.
        var cookies = new CookieContainer();
        using var browser =
            new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(host.Url) };
        var form = await browser.GetStringAsync("/login");
        var antiforgery = AntiforgeryField().Match(form).Groups[1].Value;
        Assert.NotEmpty(antiforgery);
        var wrong = await browser.PostAsync("/account/login", Form(antiforgery, "rita", "not her password"));
        Assert.Equal(HttpStatusCode.Redirect, wrong.StatusCode);
        Assert.Contains("/login?error=invalid", wrong.Headers.Location!.ToString());
        Assert.DoesNotContain(cookies.GetAllCookies(), c => c.Name == "csol.session");

        // A forged antiforgery token with the right password: 400, not signed in.
        var forged = await browser.PostAsync("/account/login", Form("CfDJ8forged", "rita", rita.Password));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.DoesNotContain(cookies.GetAllCookies(), c => c.Name == "csol.session");

        // The right password signs in; a tampered session cookie then counts for nothing (401 on the API, login page for pages).
        var signedIn = await browser.PostAsync("/account/login", Form(antiforgery, "rita", rita.Password));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var session = cookies.GetAllCookies().Single(c => c.Name == "csol.session");
        Assert.True(session.HttpOnly);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/me")).StatusCode);
        session.Value = session.Value[..^4] + (session.Value.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.PostAsJsonAsync("/api/experiments", queue)).StatusCode);
        var page = await browser.GetAsync("/queue");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/login", page.Headers.Location!.ToString());

        // Tokens: unknown, read-only (for a write), revoked, expired.
        using var unknown = host.CreateClient("csol_not-a-token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await unknown.PostAsJsonAsync("/api/experiments", queue)).StatusCode);
        using var reader = host.CreateClient(readOnly.Token);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/experiments")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsJsonAsync("/api/experiments", queue)).StatusCode);
        using var ritas = host.CreateClient(rita.Token);
        await using (var scope = host.Services.CreateAsyncScope())
            Assert.True(await scope.ServiceProvider.GetRequiredService<IApiTokenService>().RevokeAsync(rita.TokenId, "rita"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await ritas.PostAsJsonAsync("/api/experiments", queue)).StatusCode);
        var late = await host.AddUserAsync("lena", CsolRoles.Researcher);
        await using (var db = await host.Services.GetRequiredService<IDbContextFactory<CsolDbContext>>().CreateDbContextAsync())
        {
            var row = await db.ApiTokens.SingleAsync(t => t.Id == late.TokenId);
            row.ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(-1);
            await db.SaveChangesAsync();
        }
        using var expired = host.CreateClient(late.Token);
        Assert.Equal(HttpStatusCode.Unauthorized, (await expired.PostAsJsonAsync("/api/experiments", queue)).StatusCode);

        // Nothing was queued, and each refusal is on record with the caller's address.
        Assert.Empty(await host.Experiments.ListAsync());
        var entries = await audit.ReadAsync(500);
        Assert.Contains(entries, e => e is { Action: "sign-in", Actor: "rita", Outcome: "failed", Detail: "wrong user name or password" });
        Assert.Contains(entries, e => e is { Action: "sign-in", Actor: "rita", Outcome: "failed", Detail: "missing or forged antiforgery token" });
        Assert.Contains(entries, e => e is { Action: "sign-in", Actor: "rita", Outcome: "ok" });
        Assert.Contains(entries, e => e is { Action: "session.refused", Target: "POST /api/experiments" });
        Assert.Contains(entries, e => e is { Action: "token.refused", Detail: "unknown token" });
        Assert.Contains(entries, e => e is { Action: "access.denied", Actor: "rhea", Target: "POST /api/experiments" });
        Assert.Contains(entries, e => e is { Action: "token.refused", Actor: "rita", Detail: "revoked token" });
        Assert.Contains(entries, e => e is { Action: "token.refused", Actor: "lena", Detail: "expired token" });
        Assert.All(entries, e => Assert.Equal("127.0.0.1", e.SourceAddress));

        // Admins read it as CSV.
        using var admin = host.CreateClient();
        var csv = await admin.GetStringAsync("/api/audit/csv?action=token.refused");
        Assert.StartsWith("id,time_utc,actor,action,target,outcome,source_address,detail\n", csv);
        Assert.Contains(",lena,token.refused,", csv);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.GetAsync("/api/audit/csv")).StatusCode);
    }

    [Fact]
    public async Task Sign_in_locks_the_account_after_repeated_failures_and_rate_limits_the_address()
    {
        using var data = TestPaths.NewTempDirectory("csol-lockout");
        await using var host = await PlatformHost.StartAsync(data.Path, settings: new Dictionary<string, string?>
        {
            ["Csol:Security:LockoutAttempts"] = "3", ["Csol:Security:SignInPermitsPerMinute"] = "6",
        });
        var rita = await host.AddUserAsync("rita", CsolRoles.Researcher);
        using var http = new HttpClient { BaseAddress = new Uri(host.Url) };
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
            statuses.Add((await http.PostAsJsonAsync("/api/auth/token", new { userName = "rita", password = "wrong" })).StatusCode);
        // Locked now: even the right password is refused.
        var locked = await http.PostAsJsonAsync("/api/auth/token", new { userName = "rita", password = rita.Password });
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        Assert.Contains("locked", await locked.Content.ReadAsStringAsync());
        // Two more within the minute reach the limit of 6; the seventh is turned away before any password check.
        await http.PostAsJsonAsync("/api/auth/token", new { userName = "x", password = "y" });
        await http.PostAsJsonAsync("/api/auth/token", new { userName = "x", password = "y" });
        Assert.Equal(HttpStatusCode.TooManyRequests,
            (await http.PostAsJsonAsync("/api/auth/token", new { userName = "x", password = "y" })).StatusCode);
        var entries = await host.Services.GetRequiredService<IAuditTrail>().ReadAsync(100, "sign-in");
        Assert.Contains(entries, e => e is { Actor: "rita", Detail: "locked out" });
        Assert.Contains(entries, e => e is { Outcome: "denied", Detail: "rate limited" });
    }

    private static FormUrlEncodedContent Form(string antiforgery, string user, string password) => new(new Dictionary<string, string>
    {
        ["__RequestVerificationToken"] = antiforgery, ["UserName"] = user, ["Password"] = password, ["ReturnUrl"] = "/",
    });

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
