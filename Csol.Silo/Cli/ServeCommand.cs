using System.CommandLine;
using Csol.Silo.Hosting;
using Microsoft.Extensions.Options;

namespace Csol.Silo.Cli;

/// <summary><c>csol serve</c>: the platform in one process (the default verb).</summary>
internal static class ServeCommand
{
    private static readonly Option<string?> DataDir = new("--data-dir") { Description = "Folder for databases and run outputs (Csol:DataDirectory)." };
    private static readonly Option<string?> ExperimentsDir = new("--experiments-dir") { Description = "Folder of experiment configs (Csol:ExperimentsDirectory)." };
    private static readonly Option<string?> Urls = new("--urls") { Description = "Where the dashboard listens (default http://127.0.0.1:5080)." };

    public static Command Create() => Configure(new Command("serve", "Run the platform: silo, job server and dashboard."));

    /// <summary>Adds serve's options and action to a command (the root command runs serve too).</summary>
    public static T Configure<T>(T command) where T : Command
    {
        command.Options.Add(DataDir);
        command.Options.Add(ExperimentsDir);
        command.Options.Add(Urls);
        // Any further --Section:Key=value pairs are configuration, as for every ASP.NET Core host.
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, ct) => RunAsync(parse, ct));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var overrides = new Dictionary<string, string?>();
        if (parse.GetValue(DataDir) is { } data) overrides["Csol:DataDirectory"] = data;
        if (parse.GetValue(ExperimentsDir) is { } experiments) overrides["Csol:ExperimentsDirectory"] = experiments;
        if (parse.GetValue(Urls) is { } urls) overrides["Urls"] = urls;
        try
        {
            await using var app = CsolHost.Build(parse.UnmatchedTokens.ToArray(), overrides);
            await app.RunAsync(cancellationToken);
            return 0;
        }
        catch (OptionsValidationException e)
        {
            await Console.Error.WriteLineAsync(OptionsValidation.Describe(e));
            return 2;
        }
        catch (InvalidOperationException e) when (e.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal))
        {
            await Console.Error.WriteLineAsync($"Invalid configuration: {e.Message}");
            return 2;
        }
    }
}
