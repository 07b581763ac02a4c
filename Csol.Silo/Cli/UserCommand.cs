using System.CommandLine;
using Csol.Dashboard.Security;
using Csol.Silo.Hosting;
using Csol.Silo.Persistence;
using Csol.Silo.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace Csol.Silo.Cli;

/// <summary><c>csol user add NAME --role ROLE</c>, on the server machine. It writes the platform database directly (it
/// migrates it first if need be), so it works with the server stopped or running and needs no network path that would
/// have to be protected in turn: whoever can write the data directory already controls the platform.</summary>
internal static class UserCommand
{
    private static readonly Option<string?> DataDir = new("--data-dir") { Description = "The server's data folder (Csol:DataDirectory)." };

    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = "The new user's name." };
        var role = new Option<string>("--role") { Description = "admin, researcher or viewer.", DefaultValueFactory = _ => CsolRoles.Researcher };
        role.AcceptOnlyFromAmong([.. CsolRoles.All]);
        var passwordStdin =
            new Option<bool>(
                "--password-stdin")
            { Description = "Set the password from standard input; without it, print a one-time link that sets it." };
        var token =
            new Option<string?>(
                "--token")
            { Description = "Also create a write-scoped 30-day API token with this name and print it (for scripts and CI)." };
        var server =
            new Option<string>(
                "--server")
            { Description = "The address users open, for the link.", DefaultValueFactory = _ => CsolApiClient.DefaultServer };
        var add =
            new Command("add",
                "Add a user on this machine (writes the platform database directly).") { name, role, passwordStdin, token, server, DataDir };
        add.TreatUnmatchedTokensAsErrors = false; // further --Section:Key=value pairs are configuration, as for serve
        add.SetAction((parse, ct) => AddAsync(parse, parse.GetRequiredValue(name), parse.GetRequiredValue(role), parse.GetValue(passwordStdin),
            parse.GetValue(token), parse.GetRequiredValue(server), ct));
        return new Command("user", "Users of this machine's server.") { add };
    }

    private static async Task<int> AddAsync(ParseResult parse, string name, string role, bool passwordStdin, string? tokenName, string server,
        CancellationToken ct)
    {
        try
        {
            await using var services = Services(parse);
            await MigrateAsync(services, ct);
            await using var scope = services.CreateAsyncScope();
            var admin = scope.ServiceProvider.GetRequiredService<UserAdmin>();
            var password = passwordStdin ? AuthCommands.ReadPassword(fromStdin: true) : null;
            var user = await admin.CreateAsync(name, role, password);
            var audit = scope.ServiceProvider.GetRequiredService<Csol.Abstractions.Services.IAuditTrail>();
            await audit.RecordAsync(Environment.UserName, "user.add", $"user {name}", "ok", "local", $"role {role}, by csol user add");
            if (password is null)
            {
                var invite = await admin.InviteAsync(user, role);
                AnsiConsole.MarkupLineInterpolated($"Added {role} [bold]{name}[/]. To choose a password, open (once):");
                Console.Out.WriteLine(server.TrimEnd('/') + invite.Path);
            }
            else
                AnsiConsole.MarkupLineInterpolated($"Added {role} [bold]{name}[/] with the password read from standard input.");
            if (tokenName is not null)
            {
                var created =
                    await scope.ServiceProvider.GetRequiredService<ApiTokenService>().CreateAsync(name, tokenName, ApiTokenScopes.Write, "30d");
                await audit.RecordAsync(Environment.UserName, "token.create", $"token {created.Info.Id} ({created.Info.Name})", "ok", "local",
                    "scope write, by csol user add");
                Console.Out.WriteLine($"token: {created.Secret}");
            }
            return 0;
        }
        catch (ArgumentException e)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]Not added: {e.Message}[/]");
            return 2;
        }
        catch (OptionsValidationException e)
        {
            await Console.Error.WriteLineAsync(OptionsValidation.Describe(e));
            return 2;
        }
    }

    private static ServiceProvider Services(ParseResult parse)
    {
        var configuration = new ConfigurationManager();
        configuration.AddCsolSettingsFiles(Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT")
            ?? Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? "Production");
        configuration.AddEnvironmentVariables();
        configuration.AddCommandLine(parse.UnmatchedTokens.ToArray());
        if (parse.GetValue(DataDir) is { } data)
            configuration["Csol:DataDirectory"] = data;
        var csol = OptionsValidation.ValidateNow<CsolOptions>(configuration, CsolOptions.Section);
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddValidatedOptions<CsolOptions>(CsolOptions.Section);
        services.AddCsolPersistence(configuration);
        services.AddCsolIdentityStores(csol);
        return services.BuildServiceProvider();
    }

    private static async Task MigrateAsync(IServiceProvider services, CancellationToken ct)
    {
        Directory.CreateDirectory(services.GetRequiredService<IOptions<CsolOptions>>().Value.DataPath);
        await using var db = await services.GetRequiredService<IDbContextFactory<CsolDbContext>>().CreateDbContextAsync(ct);
        await db.Database.MigrateAsync(ct);
    }
}
