namespace Csol.Abstractions.Services;

/// <summary>Whether the servers this host depends on answer right now (the database; Redis in cluster mode), for the
/// dashboard's banner and <c>GET /api/health</c>. A host keeps serving what it can while one is away.</summary>
public interface IServerHealth
{
    IReadOnlyList<ServerStatus> Current { get; }

    bool AllReachable => Current.All(s => s.Reachable);
}

/// <param name="Name">What the server is for, e.g. "PostgreSQL (records, grain state, jobs)".</param>
/// <param name="Setting">The setting that names it (never its password).</param>
/// <param name="Since">When the server last changed between reachable and not.</param>
public sealed record ServerStatus(string Name, string Setting, string Address, bool Reachable, string? Problem, DateTimeOffset Since);
