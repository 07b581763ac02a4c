using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Csol.Abstractions.Services;
using Csol.Silo.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Csol.Silo.Security;

public static partial class ApiTokenScopes
{
    public const string Read = "read";
    public const string Write = "write";

    public static bool IsKnown(string scope) => scope is Read or Write;

    /// <summary>Token lifetimes as users write them: <c>30d</c>, <c>12h</c>, <c>90m</c>; at most 365 days.</summary>
    public static TimeSpan ParseLifetime(string text)
    {
        var match = Lifetime().Match(text.Trim());
        if (!match.Success)
            throw new ArgumentException($"expires: expected a lifetime such as 30d, 12h or 90m, got \"{text}\"");
        var n = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var span = match.Groups[2].Value switch { "d" => TimeSpan.FromDays(n), "h" => TimeSpan.FromHours(n), _ => TimeSpan.FromMinutes(n) };
        if (span <= TimeSpan.Zero || span > TimeSpan.FromDays(365))
            throw new ArgumentException($"expires: {text} is outside 1m..365d");
        return span;
    }

    [GeneratedRegex("^([0-9]{1,6})([dhm])$")]
    private static partial Regex Lifetime();
}

/// <summary>Creates, lists, revokes and checks API tokens. The bearer value is <c>csol_</c> plus 32 random bytes; only
/// its hash is stored, so a leaked database does not leak working tokens.</summary>
public sealed partial class ApiTokenService(IDbContextFactory<CsolDbContext> dbFactory, UserManager<IdentityUser> users, TimeProvider clock)
    : IApiTokenService
{
    private const string Prefix = "csol_";

    public async Task<CreatedApiToken> CreateAsync(string userName, string name, string scope, string expires)
    {
        if (string.IsNullOrWhiteSpace(name) || !TokenName().IsMatch(name))
            throw new ArgumentException($"name: expected 1-100 letters, digits, spaces or . _ - ( ), got \"{name}\"");
        if (!ApiTokenScopes.IsKnown(scope))
            throw new ArgumentException($"scope: expected read or write, got \"{scope}\"");
        var lifetime = ApiTokenScopes.ParseLifetime(expires);
        var user = await users.FindByNameAsync(userName) ?? throw new ArgumentException($"no user {userName}");
        var secret = Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = clock.GetUtcNow();
        var row = new ApiTokenRow
        {
            Id = Guid.NewGuid(), UserId = user.Id, UserName = user.UserName!, Name = name.Trim(), Scope = scope, Hash = Hash(secret),
            CreatedAt = now, ExpiresAt = now + lifetime,
        };
        await using var db = await dbFactory.CreateDbContextAsync();
        db.ApiTokens.Add(row);
        await db.SaveChangesAsync();
        return new CreatedApiToken(Info(row), secret);
    }

    public async Task<IReadOnlyList<ApiTokenInfo>> ListAsync(string? userName)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var rows = await db.ApiTokens.AsNoTracking().Where(r => userName == null || r.UserName == userName).ToListAsync();
        return rows.OrderByDescending(r => r.CreatedAt).Select(Info).ToList();
    }

    public async Task<bool> RevokeAsync(Guid id, string? userName)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var row = await db.ApiTokens.FindAsync(id);
        if (row is null || (userName is not null && row.UserName != userName))
            return false;
        row.RevokedAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync();
        return true;
    }

    /// <summary>The token's row when the value names one, or null; the caller checks revocation and expiry.</summary>
    public async Task<ApiTokenRow?> FindAsync(string secret)
    {
        if (!secret.StartsWith(Prefix, StringComparison.Ordinal) || secret.Length > 100)
            return null;
        var hash = Hash(secret);
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.ApiTokens.AsNoTracking().FirstOrDefaultAsync(r => r.Hash == hash);
    }

    /// <summary>Kept coarse (once a minute) so reads by token do not write on every request.</summary>
    public async Task TouchAsync(ApiTokenRow row)
    {
        var now = clock.GetUtcNow();
        if (row.LastUsedAt is { } last && now - last < TimeSpan.FromMinutes(1))
            return;
        await using var db = await dbFactory.CreateDbContextAsync();
        await db.ApiTokens.Where(r => r.Id == row.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.LastUsedAt, now));
    }

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static ApiTokenInfo Info(ApiTokenRow r) => new(r.Id, r.Name, r.UserName, r.Scope, r.CreatedAt, r.ExpiresAt, r.RevokedAt, r.LastUsedAt);

    [GeneratedRegex(@"^[A-Za-z0-9 ._\-()]{1,100}$")]
    private static partial Regex TokenName();
}
