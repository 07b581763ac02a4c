using System.Text.RegularExpressions;
using Csol.Dashboard.Security;
using Csol.Abstractions.Services;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using System.Text;

namespace Csol.Silo.Security;

/// <summary>Users and their one role. New users get no password: a one-time link (an Identity password-reset token)
/// lets them choose it, so no default password ever exists.</summary>
public sealed partial class UserAdmin(UserManager<IdentityUser> users, RoleManager<IdentityRole> roles) : IUserAdmin
{
    public async Task<IReadOnlyList<UserInfo>> ListAsync()
    {
        var list = new List<UserInfo>();
        foreach (var user in await users.Users.OrderBy(u => u.UserName).ToListAsync())
            list.Add(new UserInfo(user.UserName!, (await users.GetRolesAsync(user)).FirstOrDefault() ?? "", user.PasswordHash is not null,
                user.LockoutEnd is { } end && end > DateTimeOffset.UtcNow ? end : null));
        return list;
    }

    public async Task<UserInvite> AddAsync(string userName, string role)
    {
        var user = await CreateAsync(userName, role, password: null);
        return await InviteAsync(user, role);
    }

    /// <summary>Creates a user with a role, and a password when given (checked against the password rules).</summary>
    public async Task<IdentityUser> CreateAsync(string userName, string role, string? password)
    {
        if (!UserName().IsMatch(userName))
            throw new ArgumentException($"user name: expected 1-64 letters, digits or . _ - @, got \"{userName}\"");
        if (!CsolRoles.IsKnown(role))
            throw new ArgumentException($"role: expected one of {string.Join(", ", CsolRoles.All)}, got \"{role}\"");
        if (await users.FindByNameAsync(userName) is not null)
            throw new ArgumentException($"user {userName} already exists");
        await EnsureRolesAsync();
        var user = new IdentityUser(userName);
        Check(password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, password), "user");
        Check(await users.AddToRoleAsync(user, role), "role");
        return user;
    }

    public async Task SetRoleAsync(string userName, string role)
    {
        if (!CsolRoles.IsKnown(role))
            throw new ArgumentException($"role: expected one of {string.Join(", ", CsolRoles.All)}, got \"{role}\"");
        var user = await users.FindByNameAsync(userName) ?? throw new ArgumentException($"no user {userName}");
        var current = await users.GetRolesAsync(user);
        if (current.Contains(CsolRoles.Admin) && role != CsolRoles.Admin && (await users.GetUsersInRoleAsync(CsolRoles.Admin)).Count == 1)
            throw new ArgumentException($"{userName} is the last admin; make another user admin first");
        Check(await users.RemoveFromRolesAsync(user, current), "role");
        Check(await users.AddToRoleAsync(user, role), "role");
        await users.UpdateSecurityStampAsync(user); // signs their sessions out, so the new role applies at once
    }

    /// <summary>A link path that lets its holder set <paramref name="user"/>'s password once.</summary>
    public async Task<UserInvite> InviteAsync(IdentityUser user, string role)
    {
        var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GeneratePasswordResetTokenAsync(user)));
        return new UserInvite(user.UserName!, role, $"/setup?user={Uri.EscapeDataString(user.UserName!)}&code={code}");
    }

    /// <summary>Sets a password through an invite link's code; the code works once (the security stamp changes).</summary>
    public async Task<IdentityResult> AcceptInviteAsync(string userName, string code, string password)
    {
        var user = await users.FindByNameAsync(userName);
        if (user is null)
            return IdentityResult.Failed(new IdentityError { Description = "This link is not valid." });
        string token;
        try
        {
            token = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return IdentityResult.Failed(new IdentityError { Description = "This link is not valid." });
        }
        return await users.ResetPasswordAsync(user, token, password);
    }

    public Task<bool> AnyUsersAsync() => users.Users.AnyAsync();

    private async Task EnsureRolesAsync()
    {
        foreach (var role in CsolRoles.All)
            if (!await roles.RoleExistsAsync(role))
                Check(await roles.CreateAsync(new IdentityRole(role)), "role");
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
            throw new ArgumentException($"{what}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
    }

    [GeneratedRegex(@"^[A-Za-z0-9._\-@]{1,64}$")]
    private static partial Regex UserName();
}
