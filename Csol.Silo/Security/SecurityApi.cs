using System.Security.Claims;
using Csol.Dashboard.Security;
using Csol.Abstractions.Services;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Csol.Silo.Security;

/// <summary>Body of <c>POST /api/tokens</c>.</summary>
/// <param name="Scope"><c>read</c> or <c>write</c>.</param>
/// <param name="Expires">Lifetime such as <c>30d</c>, <c>12h</c> (at most 365d).</param>
public sealed record CreateTokenRequest(string Name, string Scope = ApiTokenScopes.Read, string Expires = "30d");

/// <summary>Body of <c>POST /api/users</c>.</summary>
public sealed record AddUserRequest(string UserName, string Role);

/// <summary>Body of <c>POST /api/users/{name}/role</c>.</summary>
public sealed record SetRoleRequest(string Role);

/// <summary>Who the caller is (<c>GET /api/me</c>).</summary>
public sealed record CurrentUser(string UserName, IReadOnlyList<string> Roles, string? TokenScope);

public static class SecurityApi
{
    public static IEndpointRouteBuilder MapSecurityApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/me", (ClaimsPrincipal user) => new CurrentUser(user.Identity!.Name!,
                user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToArray(), user.FindFirst(CsolPolicies.ScopeClaim)?.Value))
            .RequireAuthorization(CsolPolicies.Read).WithTags("Account").WithSummary("The signed-in user, their role and the token's scope.");

        var tokens = endpoints.MapGroup("/api/tokens").WithTags("Tokens").RequireAuthorization(CsolPolicies.Read);
        tokens.MapGet("/", ListTokensAsync).WithSummary("Your API tokens (admins: `all=true` for everyone's); never their secrets.");
        tokens.MapPost("/", CreateTokenAsync).RequireAuthorization(CsolPolicies.Write)
            .WithSummary("Create an API token; the answer holds its secret, shown this once.");
        tokens.MapPost("/{id:guid}/revoke", RevokeTokenAsync).RequireAuthorization(CsolPolicies.Write)
            .WithSummary("Revoke one of your tokens (admins: anyone's).");

        var users = endpoints.MapGroup("/api/users").WithTags("Users").RequireAuthorization(CsolPolicies.Admin);
        users.MapGet("/", (IUserAdmin admin) => admin.ListAsync()).WithSummary("Every user with their role.");
        users.MapPost("/", AddUserAsync).WithSummary("Add a user with a role; returns the one-time link that sets their password.");
        users.MapPost("/{name}/role", SetRoleAsync).WithSummary("Change a user's role.");

        var audit = endpoints.MapGroup("/api/audit").WithTags("Audit").RequireAuthorization(CsolPolicies.Admin);
        audit.MapGet("/", (int? limit, string? action, IAuditTrail trail) => trail.ReadAsync(limit ?? 1000, action))
            .WithSummary("Audit entries, newest first; `action` filters by prefix.");
        audit.MapGet("/csv", async (string? actor, string? action, string? outcome, DateTimeOffset? from, DateTimeOffset? until,
                    IAuditTrail trail) =>
                Results.Text(EfAuditTrail.ToCsv((await trail.QueryAsync(new(actor, action, outcome, from, until) { Take = 100_000 })).Entries),
                    "text/csv; charset=utf-8"))
            .WithSummary("The audit trail as CSV (newest first): `actor` exactly, `action` by prefix, `outcome`, `from` (inclusive) and "
                + "`until` (exclusive) as ISO 8601 times, as the audit page filters it.");
        return endpoints;
    }

    private static Task<IReadOnlyList<ApiTokenInfo>> ListTokensAsync(bool? all, ClaimsPrincipal user, IApiTokenService tokens) =>
        tokens.ListAsync(all == true && user.IsInRole(CsolRoles.Admin) ? null : user.Identity!.Name);

    private static async Task<Results<Created<CreatedApiToken>, ValidationProblem>> CreateTokenAsync(
        CreateTokenRequest request, ClaimsPrincipal user, IApiTokenService tokens, IAuditTrail audit)
    {
        try
        {
            var created = await tokens.CreateAsync(user.Identity!.Name!, request.Name ?? "", request.Scope ?? "", request.Expires ?? "");
            await audit.RecordAsync(user.Identity.Name!, "token.create", $"token {created.Info.Id} ({created.Info.Name})", "ok",
                detail: $"scope {created.Info.Scope}, expires {created.Info.ExpiresAt:u}");
            return TypedResults.Created($"/api/tokens/{created.Info.Id}", created);
        }
        catch (ArgumentException e)
        {
            await audit.RecordAsync(user.Identity!.Name!, "token.create", request.Name ?? "", "failed", detail: e.Message);
            return Problem(e, "The token cannot be created");
        }
    }

    private static async Task<Results<NoContent, NotFound>> RevokeTokenAsync(Guid id, ClaimsPrincipal user, IApiTokenService tokens,
        IAuditTrail audit)
    {
        var revoked = await tokens.RevokeAsync(id, user.IsInRole(CsolRoles.Admin) ? null : user.Identity!.Name);
        await audit.RecordAsync(user.Identity!.Name!, "token.revoke", $"token {id}", revoked ? "ok" : "failed",
            detail: revoked ? null : "no such token of yours");
        return revoked ? TypedResults.NoContent() : TypedResults.NotFound();
    }

    private static async Task<Results<Created<UserInvite>, ValidationProblem>> AddUserAsync(AddUserRequest request, ClaimsPrincipal user,
        IUserAdmin admin, IAuditTrail audit)
    {
        try
        {
            var invite = await admin.AddAsync(request.UserName ?? "", request.Role ?? "");
            await audit.RecordAsync(user.Identity!.Name!, "user.add", $"user {invite.UserName}", "ok", detail: $"role {invite.Role}");
            return TypedResults.Created($"/api/users/{invite.UserName}", invite);
        }
        catch (ArgumentException e)
        {
            await audit.RecordAsync(user.Identity!.Name!, "user.add", $"user {request.UserName}", "failed", detail: e.Message);
            return Problem(e, "The user cannot be added");
        }
    }

    private static async Task<Results<NoContent, ValidationProblem>> SetRoleAsync(string name, SetRoleRequest request, ClaimsPrincipal user,
        IUserAdmin admin, IAuditTrail audit)
    {
        try
        {
            await admin.SetRoleAsync(name, request.Role ?? "");
            await audit.RecordAsync(user.Identity!.Name!, "role.change", $"user {name}", "ok", detail: $"now {request.Role}");
            return TypedResults.NoContent();
        }
        catch (ArgumentException e)
        {
            await audit.RecordAsync(user.Identity!.Name!, "role.change", $"user {name}", "failed", detail: e.Message);
            return Problem(e, "The role cannot be changed");
        }
    }

    private static ValidationProblem Problem(ArgumentException e, string title)
    {
        var message = e.Message.Split(" (Parameter")[0];
        var field = message.Split(':')[0] is { Length: < 20 } f && !f.Contains(' ') ? f : "request";
        return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: title);
    }
}
