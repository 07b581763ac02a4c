using Csol.Dashboard.Security;
using Csol.Abstractions.Services;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace Csol.Silo.Security;

/// <summary>Body of <c>POST /api/auth/token</c> (what <c>csol login</c> sends).</summary>
public sealed record TokenLoginRequest(string UserName, string Password, string? TokenName = null);

/// <summary>Answer of <c>POST /api/auth/token</c>: a write-scoped token for the CLI, shown this once.</summary>
public sealed record TokenLoginResponse(string Token, string UserName, string Role, DateTimeOffset ExpiresAt);

/// <summary>Sign-in, sign-out and first-admin setup. The dashboard's forms post here (static pages, so the cookie can be
/// set); each checks the antiforgery token itself so that a forged one is audited, and each is rate-limited per address.</summary>
public static class AccountEndpoints
{
    public const string SignInLimiter = "sign-in";

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var account = endpoints.MapGroup("/account").WithTags("Account").DisableAntiforgery(); // validated in each handler, to audit failures
        account.MapPost("/login", SignInAsync).AllowAnonymous().RequireRateLimiting(SignInLimiter).ExcludeFromDescription();
        account.MapPost("/setup", SetupAsync).AllowAnonymous().RequireRateLimiting(SignInLimiter).ExcludeFromDescription();
        account.MapPost("/logout", SignOutAsync).RequireAuthorization(CsolPolicies.Read).ExcludeFromDescription();
        endpoints.MapPost("/api/auth/token", TokenSignInAsync).AllowAnonymous().RequireRateLimiting(SignInLimiter).WithTags("Account")
            .WithSummary("Exchange a user name and password for a 30-day write-scoped API token (what `csol login` does).");
        return endpoints;
    }

    private static async Task<IResult> SignInAsync(HttpContext context, IAntiforgery antiforgery, SignInManager<IdentityUser> signIn,
        IAuditTrail audit)
    {
        var form = await context.Request.ReadFormAsync();
        var userName = form["UserName"].ToString().Trim();
        var returnUrl = LocalUrl(form["ReturnUrl"].ToString());
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            await audit.RecordAsync(userName.Length > 0 ? userName : "(anonymous)", "sign-in", "dashboard", "failed",
                detail: "missing or forged antiforgery token");
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest,
                title: "The sign-in form expired or was not sent by this site; reload the page.");
        }
        var result = await signIn.PasswordSignInAsync(userName, form["Password"].ToString(), isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await audit.RecordAsync(userName, "sign-in", "dashboard", "ok");
            return Results.LocalRedirect(returnUrl);
        }
        var why = result.IsLockedOut ? "locked" : "invalid";
        await audit.RecordAsync(userName.Length > 0 ? userName : "(anonymous)", "sign-in", "dashboard", "failed",
            detail: result.IsLockedOut ? "locked out" : "wrong user name or password");
        return Results.LocalRedirect($"/login?error={why}&ReturnUrl={Uri.EscapeDataString(returnUrl)}");
    }

    private static async Task<IResult> SignOutAsync(HttpContext context, IAntiforgery antiforgery, SignInManager<IdentityUser> signIn,
        IAuditTrail audit)
    {
        var name = context.User.Identity?.Name ?? "(anonymous)";
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            await audit.RecordAsync(name, "sign-out", "dashboard", "failed", detail: "missing or forged antiforgery token");
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The sign-out form was not sent by this site.");
        }
        await signIn.SignOutAsync();
        await audit.RecordAsync(name, "sign-out", "dashboard", "ok");
        return Results.LocalRedirect("/login?signedOut=1");
    }

    /// <summary>Two kinds of one-time link: the first-start link (<c>token</c>: creates the first admin) and an invite
    /// (<c>user</c> and <c>code</c>: sets that user's password).</summary>
    private static async Task<IResult> SetupAsync(HttpContext context, IAntiforgery antiforgery, FirstStartSetup firstStart, UserAdmin admin,
        UserManager<IdentityUser> users, SignInManager<IdentityUser> signIn, IAuditTrail audit)
    {
        var form = await context.Request.ReadFormAsync();
        var (token, userName, code, password) =
            (form["Token"].ToString(), form["UserName"].ToString().Trim(), form["Code"].ToString(), form["Password"].ToString());
        var back = token.Length > 0 ? $"/setup?token={Uri.EscapeDataString(token)}"
            : $"/setup?user={Uri.EscapeDataString(userName)}&code={Uri.EscapeDataString(code)}";
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            await audit.RecordAsync(userName.Length > 0 ? userName : "(anonymous)", "setup", "dashboard", "failed",
                detail: "missing or forged antiforgery token");
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The setup form was not sent by this site.");
        }
        if (password != form["Confirm"].ToString())
            return Results.LocalRedirect($"{back}&error={Uri.EscapeDataString("The two passwords differ.")}");
        IdentityUser? user;
        if (token.Length > 0)
        {
            if (!firstStart.IsValid(token) || await admin.AnyUsersAsync())
            {
                await audit.RecordAsync(userName, "setup", "first admin", "failed", detail: "setup link not valid");
                return Results.LocalRedirect("/login?error=setup");
            }
            try
            {
                user = await admin.CreateAsync(userName, CsolRoles.Admin, password);
            }
            catch (ArgumentException e)
            {
                return Results.LocalRedirect($"{back}&error={Uri.EscapeDataString(e.Message)}");
            }
            firstStart.Close();
            await audit.RecordAsync(userName, "user.add", $"user {userName}", "ok", detail: "first admin, through the setup link");
        }
        else
        {
            var accepted = await admin.AcceptInviteAsync(userName, code, password);
            if (!accepted.Succeeded)
            {
                await audit.RecordAsync(userName, "setup", $"user {userName}", "failed", detail: "invite link not valid or password refused");
                return Results.LocalRedirect($"{back}&error={Uri.EscapeDataString(string.Join(" ", accepted.Errors.Select(e => e.Description)))}");
            }
            user = await users.FindByNameAsync(userName);
            await audit.RecordAsync(userName, "password.set", $"user {userName}", "ok", detail: "through an invite link");
        }
        await signIn.SignInAsync(user!, isPersistent: false);
        await audit.RecordAsync(userName, "sign-in", "dashboard", "ok", detail: "after setup");
        return Results.LocalRedirect("/");
    }

    private static async Task<IResult> TokenSignInAsync(TokenLoginRequest request, UserManager<IdentityUser> users,
        SignInManager<IdentityUser> signIn,
        ApiTokenService tokens, IAuditTrail audit)
    {
        var name = request.UserName?.Trim() ?? "";
        var user = name.Length > 0 ? await users.FindByNameAsync(name) : null;
        var check = user is null ? SignInResult.Failed : await signIn.CheckPasswordSignInAsync(user, request.Password ?? "", lockoutOnFailure: true);
        if (!check.Succeeded)
        {
            await audit.RecordAsync(name.Length > 0 ? name : "(anonymous)", "sign-in", "api token", "failed",
                detail: check.IsLockedOut ? "locked out" : "wrong user name or password");
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: check.IsLockedOut
                ? "This account is locked after too many failed sign-ins; try again later."
                : "Wrong user name or password.");
        }
        var created = await tokens.CreateAsync(user!.UserName!, string.IsNullOrWhiteSpace(request.TokenName) ? "csol login" : request.TokenName,
            ApiTokenScopes.Write, "30d");
        await audit.RecordAsync(user.UserName!, "sign-in", "api token", "ok");
        await audit.RecordAsync(user.UserName!, "token.create", $"token {created.Info.Id} ({created.Info.Name})", "ok",
            detail: "scope write, by csol login");
        var role = (await users.GetRolesAsync(user)).FirstOrDefault() ?? "";
        return Results.Ok(new TokenLoginResponse(created.Secret, user.UserName!, role, created.Info.ExpiresAt));
    }

    /// <summary>Only paths on this site: an open redirect would let a link send a fresh sign-in elsewhere.</summary>
    private static string LocalUrl(string url) =>
        url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal) ? url : "/";
}
