using System.CommandLine;
using System.Globalization;
using Spectre.Console;

namespace Csol.Silo.Cli;

/// <summary><c>csol login</c> and <c>csol token create|list|revoke</c>: API tokens for the CLI and automation.</summary>
internal static class AuthCommands
{
    private static readonly Option<bool> PasswordStdin =
        new("--password-stdin") { Description = "Read the password from standard input (for scripts)." };

    public static Command Login()
    {
        var user = new Option<string?>("--user") { Description = "User name (asked when missing)." };
        var command = new Command("login", "Sign in to a server; stores a 30-day API token in the credentials file (mode 0600).")
            { user, PasswordStdin, ServerCommands.Server };
        command.SetAction((parse, ct) => ServerCommands.WithServerAsync(parse, async client =>
        {
            var name = parse.GetValue(user) ?? (Console.IsInputRedirected ? null : AnsiConsole.Ask<string>("User name:"));
            if (string.IsNullOrWhiteSpace(name))
            {
                AnsiConsole.MarkupLine("[red]--user: a user name is required[/]");
                return 2;
            }
            var password = ReadPassword(parse.GetValue(PasswordStdin));
            var (login, error) = await client.LoginAsync(name.Trim(), password, ct);
            if (login is null)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]Not signed in to {client.Server}: {error}[/]");
                return 4;
            }
            CliCredentials.Save(client.Server, new ServerCredentials(login.Token, login.UserName, login.ExpiresAt));
            var (file, until) = (CliCredentials.FilePath, login.ExpiresAt.ToLocalTime());
            AnsiConsole.MarkupLineInterpolated(
                $"Signed in to {client.Server} as [bold]{login.UserName}[/] ({login.Role}); token stored in {file} until {until:yyyy-MM-dd}.");
            return 0;
        }));
        return command;
    }

    public static Command Token()
    {
        var name = new Option<string>("--name") { Description = "What the token is for, e.g. ci.", Required = true };
        var scope =
            new Option<string>("--scope") { Description = "read (look only) or write (queue, cancel, …).", DefaultValueFactory = _ => "read" };
        scope.AcceptOnlyFromAmong("read", "write");
        var expires = new Option<string>("--expires") { Description = "Lifetime: 30d, 12h, 90m (at most 365d).", DefaultValueFactory = _ => "30d" };
        var create = new Command("create", "Create an API token; prints its secret once.") { name, scope, expires, ServerCommands.Server };
        create.SetAction((parse, ct) => ServerCommands.WithServerAsync(parse, async client =>
        {
            var (token, errors) =
                await client.CreateTokenAsync(parse.GetRequiredValue(name), parse.GetRequiredValue(scope), parse.GetRequiredValue(expires), ct);
            if (token is null)
            {
                foreach (var (field, messages) in errors)
                    foreach (var message in messages)
                        AnsiConsole.MarkupLineInterpolated($"[red]--{field}: {message}[/]");
                return 2;
            }
            // The secret alone on stdout's last line, so a script can take it with tail -n1.
            var (info, expiresAt) = (token.Info, token.Info.ExpiresAt.ToLocalTime());
            AnsiConsole.MarkupLineInterpolated(
                $"Token [bold]{info.Name}[/] ({info.Scope}, expires {expiresAt:yyyy-MM-dd HH:mm}), id {info.Id}. Shown once:");
            Console.Out.WriteLine(token.Secret);
            return 0;
        }));

        var all = new Option<bool>("--all") { Description = "Everyone's tokens (admins)." };
        var list = new Command("list", "List your API tokens (never their secrets).") { all, ServerCommands.Server };
        list.SetAction((parse, ct) => ServerCommands.WithServerAsync(parse, async client =>
        {
            var table = new Table().AddColumns("id", "name", "owner", "scope", "created", "expires", "last used", "state");
            table.Columns[0].NoWrap();
            foreach (var t in await client.ListTokensAsync(parse.GetValue(all), ct))
                table.AddRow(t.Id.ToString(), Markup.Escape(t.Name), Markup.Escape(t.Owner), t.Scope, Time(t.CreatedAt), Time(t.ExpiresAt),
                    Time(t.LastUsedAt),
                    t.RevokedAt is not null ? "revoked" : t.IsActive(DateTimeOffset.UtcNow) ? "active" : "expired");
            AnsiConsole.Write(table);
            return 0;
        }));

        var id = new Argument<Guid>("id") { Description = "The token's id (from csol token list).", CustomParser = CliValues.Id };
        var revoke = new Command("revoke", "Revoke an API token at once.") { id, ServerCommands.Server };
        revoke.SetAction((parse, ct) => ServerCommands.WithServerAsync(parse, async client =>
        {
            if (!await client.RevokeTokenAsync(parse.GetRequiredValue(id), ct))
            {
                AnsiConsole.MarkupLineInterpolated($"[red]No token {parse.GetRequiredValue(id)} of yours on {client.Server}[/]");
                return 1;
            }
            AnsiConsole.MarkupLineInterpolated($"Revoked token {parse.GetRequiredValue(id)}.");
            return 0;
        }));
        return new Command("token", "API tokens for the CLI and automation.") { create, list, revoke };
    }

    internal static string ReadPassword(bool fromStdin)
    {
        if (fromStdin || Console.IsInputRedirected)
            return Console.In.ReadLine() ?? "";
        return AnsiConsole.Prompt(new TextPrompt<string>("Password:").Secret());
    }

    private static string Time(DateTimeOffset? t) => t?.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "–";
}
