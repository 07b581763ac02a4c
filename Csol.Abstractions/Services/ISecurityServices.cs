namespace Csol.Abstractions.Services;

// The faces the dashboard and the HTTP API see of users, API tokens and the audit trail (implemented in Csol.Silo/Security).

/// <summary>One recorded action: who, what, on what, with which outcome, when and from where.</summary>
/// <param name="Outcome"><c>ok</c>, <c>denied</c> (not allowed) or <c>failed</c> (bad credentials or input).</param>
public sealed record AuditEntry(long Id, DateTimeOffset At, string Actor, string Action, string Target, string Outcome, string? SourceAddress,
    string? Detail);

public interface IAuditTrail
{
    /// <summary>Appends an entry. <paramref name="sourceAddress"/> null: the current request's remote address, if any.</summary>
    Task RecordAsync(string actor, string action, string target, string outcome, string? sourceAddress = null, string? detail = null);

    /// <summary>Newest first; <paramref name="action"/> filters by prefix (e.g. <c>sign-in</c>).</summary>
    Task<IReadOnlyList<AuditEntry>> ReadAsync(int limit = 1000, string? action = null);

    /// <summary>One page of the entries the query's filters match, and how many match in all: filtered, ordered and
    /// cut by the store.</summary>
    Task<AuditEntryPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default);
}

/// <summary>A page of the audit trail. Every filter is optional; times compare in UTC.</summary>
/// <param name="Actor">Exactly this actor (a user name, <c>(anonymous)</c>, or the OS user of <c>csol user</c>).</param>
/// <param name="Action">Actions starting with this (<c>token</c> matches <c>token.create</c> and <c>token.refused</c>).</param>
/// <param name="Outcome"><c>ok</c>, <c>denied</c> or <c>failed</c>.</param>
/// <param name="From">Entries at or after this time.</param>
/// <param name="Until">Entries before this time.</param>
public sealed record AuditQuery(string? Actor = null, string? Action = null, string? Outcome = null, DateTimeOffset? From = null,
    DateTimeOffset? Until = null)
{
    public bool OldestFirst { get; init; }
    public int Skip { get; init; }
    /// <summary>Entries in the page (1…100,000; the CSV export asks for the most).</summary>
    public int Take { get; init; } = 50;

    /// <summary>The query with empty filters dropped and its page clamped to what a store will serve.</summary>
    public AuditQuery Bounded() => this with
    {
        Actor = Blank(Actor),
        Action = Blank(Action),
        Outcome = Blank(Outcome),
        Skip = Math.Max(0, Skip),
        Take = Math.Clamp(Take, 1, 100_000),
    };

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>A page of audit entries and how many entries matched in all.</summary>
public sealed record AuditEntryPage(IReadOnlyList<AuditEntry> Entries, int Total);

/// <summary>An API token as listed: never its secret, which is shown once at creation and stored only as a hash.</summary>
public sealed record ApiTokenInfo(Guid Id, string Name, string Owner, string Scope, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt,
    DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt)
{
    public bool IsActive(DateTimeOffset now) => RevokedAt is null && ExpiresAt > now;
}

/// <summary>A new token: <paramref name="Secret"/> is the bearer value, returned this once.</summary>
public sealed record CreatedApiToken(ApiTokenInfo Info, string Secret);

public interface IApiTokenService
{
    /// <param name="scope"><c>read</c> or <c>write</c>.</param>
    /// <param name="expires">A lifetime such as <c>30d</c> or <c>12h</c> (at most 365 days).</param>
    /// <exception cref="ArgumentException">A bad name, scope or lifetime, or an unknown user.</exception>
    Task<CreatedApiToken> CreateAsync(string userName, string name, string scope, string expires);

    /// <summary>One user's tokens, or everyone's when <paramref name="userName"/> is null; newest first.</summary>
    Task<IReadOnlyList<ApiTokenInfo>> ListAsync(string? userName);

    /// <summary>Revokes a token of <paramref name="userName"/> (any user's when null). False when there is none.</summary>
    Task<bool> RevokeAsync(Guid id, string? userName);
}

/// <summary>A user as admins see it.</summary>
public sealed record UserInfo(string Name, string Role, bool HasPassword, DateTimeOffset? LockedOutUntil);

/// <summary>A one-time link that lets its holder choose the password of <paramref name="UserName"/>.</summary>
public sealed record UserInvite(string UserName, string Role, string Path);

public interface IUserAdmin
{
    Task<IReadOnlyList<UserInfo>> ListAsync();

    /// <summary>Creates a user without a password and returns the link that sets it (no default passwords).</summary>
    /// <exception cref="ArgumentException">A bad name or role, or the name is taken.</exception>
    Task<UserInvite> AddAsync(string userName, string role);

    /// <exception cref="ArgumentException">No such user, or a bad role, or the change would leave no admin.</exception>
    Task SetRoleAsync(string userName, string role);
}
