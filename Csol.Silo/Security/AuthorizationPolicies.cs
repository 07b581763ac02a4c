using System.Security.Claims;
using Csol.Dashboard.Security;
using Microsoft.AspNetCore.Authorization;

namespace Csol.Silo.Security;

/// <summary>The policies every endpoint group and page names (<see cref="CsolPolicies"/>): the one definition of who may what.</summary>
public static class AuthorizationPolicies
{
    public static AuthorizationBuilder AddCsolPolicies(this AuthorizationBuilder authorization) => authorization
        // A route that names no policy still needs a signed-in user; the endpoint matrix test fails it anyway.
        .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
        .AddPolicy(CsolPolicies.Read, p => p.RequireAuthenticatedUser().RequireRole(CsolRoles.All))
        .AddPolicy(CsolPolicies.Write, p => p.RequireAuthenticatedUser().RequireRole(CsolRoles.Admin, CsolRoles.Researcher)
            .AddRequirements(new WriteScopeRequirement()))
        .AddPolicy(CsolPolicies.Admin, p => p.RequireAuthenticatedUser().RequireRole(CsolRoles.Admin)
            .AddRequirements(new WriteScopeRequirement()))
        .AddPolicy(CsolPolicies.ManageExperiment, p => p.RequireAuthenticatedUser().RequireRole(CsolRoles.Admin, CsolRoles.Researcher)
            .AddRequirements(new WriteScopeRequirement(), new ExperimentOwnerRequirement()));

    /// <summary>True for admins, and for a researcher who owns the experiment (owner: its user name).</summary>
    public static bool MayManage(ClaimsPrincipal user, string? owner) =>
        user.IsInRole(CsolRoles.Admin) || (user.IsInRole(CsolRoles.Researcher) && owner is not null && owner == user.Identity?.Name);
}

/// <summary>Requests by API token need its <c>write</c> scope; cookie sign-ins carry no scope claim and pass.</summary>
public sealed class WriteScopeRequirement : AuthorizationHandler<WriteScopeRequirement>, IAuthorizationRequirement
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, WriteScopeRequirement requirement)
    {
        var scope = context.User.FindFirst(CsolPolicies.ScopeClaim)?.Value;
        if (scope is null || scope == ApiTokenScopes.Write)
            context.Succeed(requirement);
        return Task.CompletedTask;
    }
}

/// <summary>The resource is the experiment's owner (string, null for runs without one).</summary>
public sealed class ExperimentOwnerRequirement : AuthorizationHandler<ExperimentOwnerRequirement, string>, IAuthorizationRequirement
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ExperimentOwnerRequirement requirement, string resource)
    {
        if (AuthorizationPolicies.MayManage(context.User, resource))
            context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
