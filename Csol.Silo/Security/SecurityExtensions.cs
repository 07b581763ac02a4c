using System.Threading.RateLimiting;
using Csol.Abstractions.Services;
using Csol.Silo.Hosting;
using Csol.Silo.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Csol.Silo.Security;

public static class SecurityExtensions
{
    /// <summary>The scheme every request authenticates with: a bearer token when the request carries one, else the
    /// dashboard's session cookie.</summary>
    public const string Scheme = "Csol";

    /// <summary>Identity users in the platform database, and the token and audit services they need. The CLI's
    /// <c>csol user add</c> uses this without the web host.</summary>
    public static IServiceCollection AddCsolIdentityStores(this IServiceCollection services, CsolOptions csol)
    {
        services.AddValidatedOptions<SecurityOptions>(SecurityOptions.Section);
        services.AddHttpContextAccessor();
        services.AddIdentityCore<IdentityUser>()
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<CsolDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        services.AddOptions<IdentityOptions>().Configure<IOptions<SecurityOptions>>((identity, security) =>
        {
            var s = security.Value;
            identity.Password = new PasswordOptions
            {
                RequiredLength = s.MinimumPasswordLength, RequireDigit = false, RequireLowercase = false, RequireUppercase = false,
                RequireNonAlphanumeric = false, RequiredUniqueChars = 1,
            };
            identity.Lockout.MaxFailedAccessAttempts = s.LockoutAttempts;
            identity.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(s.LockoutMinutes);
            identity.Lockout.AllowedForNewUsers = true;
            identity.User.RequireUniqueEmail = false;
        });
        // Keys under the data directory: sessions and invite links survive restarts, and the CLI can mint invites.
        services.AddDataProtection().SetApplicationName("csol").PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(csol.DataPath, "keys")));
        services.AddSingleton<IAuditTrail, EfAuditTrail>();
        services.AddScoped<ApiTokenService>();
        services.AddScoped<IApiTokenService>(sp => sp.GetRequiredService<ApiTokenService>());
        services.AddScoped<UserAdmin>();
        services.AddScoped<IUserAdmin>(sp => sp.GetRequiredService<UserAdmin>());
        return services;
    }

    public static WebApplicationBuilder AddCsolSecurity(this WebApplicationBuilder builder, CsolOptions csol)
    {
        var security = OptionsValidation.ValidateNow<SecurityOptions>(builder.Configuration, SecurityOptions.Section);
        var services = builder.Services;
        services.AddCsolIdentityStores(csol);
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = Scheme;
                o.DefaultChallengeScheme = Scheme;
                o.DefaultForbidScheme = Scheme;
            })
            .AddPolicyScheme(Scheme, "Csol", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? ApiTokenAuthenticationHandler.SchemeName
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null)
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "csol.session";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = security.CookieSecure;
            o.ExpireTimeSpan = TimeSpan.FromHours(security.SessionHours);
            o.SlidingExpiration = true;
            o.LoginPath = "/login";
            o.LogoutPath = "/logout";
            o.AccessDeniedPath = "/access-denied";
            // The API answers with status codes; only pages redirect to the sign-in page.
            o.Events.OnRedirectToLogin = context => Answer(context, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => Answer(context, StatusCodes.Status403Forbidden);
        });
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "csol.antiforgery";
            o.Cookie.SecurePolicy = security.CookieSecure;
        });
        services.AddAuthorizationBuilder().AddCsolPolicies();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, AuditingAuthorizationResultHandler>();
        services.AddCascadingAuthenticationState();
        services.AddSingleton<FirstStartSetup>();
        services.AddHostedService<FirstStartAnnouncer>();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(AccountEndpoints.SignInLimiter, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = security.SignInPermitsPerMinute, Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0
                }));
            o.OnRejected = async (context, _) =>
                await context.HttpContext.RequestServices.GetRequiredService<IAuditTrail>()
                    .RecordAsync("(anonymous)", "sign-in", context.HttpContext.Request.Path, "denied", detail: "rate limited");
        });
        return builder;
    }

    private static Task Answer(
        Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context,
        int status)
    {
        if (IsApi(context.Request))
            context.Response.StatusCode = status;
        else
            context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    private static bool IsApi(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/account") || request.Path.StartsWithSegments("/openapi");
}
