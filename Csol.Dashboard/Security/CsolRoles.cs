namespace Csol.Dashboard.Security;

/// <summary>The three roles (docs/security.md). Every user has exactly one.</summary>
public static class CsolRoles
{
    /// <summary>Manages users, roles and tokens; acts on everything; opens the Hangfire and Orleans dashboards.</summary>
    public const string Admin = "admin";

    /// <summary>Queues, drafts, clones, cancels and reprioritises their own experiments; registers datasets; tags checkpoints.</summary>
    public const string Researcher = "researcher";

    /// <summary>Reads everything; changes nothing.</summary>
    public const string Viewer = "viewer";

    public static readonly IReadOnlyList<string> All = [Admin, Researcher, Viewer];

    public static bool IsKnown(string role) => All.Contains(role);
}

/// <summary>Authorization policy names: every endpoint group and page names one of these (the host defines them).</summary>
public static class CsolPolicies
{
    /// <summary>Any signed-in user with a role.</summary>
    public const string Read = "csol.read";

    /// <summary>Researchers and admins, and for API tokens the <c>write</c> scope.</summary>
    public const string Write = "csol.write";

    /// <summary>Admins (with a <c>write</c>-scoped token when by token).</summary>
    public const string Admin = "csol.admin";

    /// <summary>Resource policy on an experiment's owner (a string): admins, or its owner when a researcher.</summary>
    public const string ManageExperiment = "csol.manage-experiment";

    /// <summary>The claim an API token adds: its scope (<c>read</c> or <c>write</c>). Cookie sign-ins have none.</summary>
    public const string ScopeClaim = "csol:scope";
}
