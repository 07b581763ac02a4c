using System.CommandLine;

namespace Csol.Silo.Cli;

/// <summary><c>csol serve</c>: the platform in one process (the default verb); in cluster mode, the control host
/// (dashboard, API, scheduler), usually with <c>Csol:Scheduler:Devices=none</c> so jobs go to the workers.</summary>
internal static class ServeCommand
{
    private static readonly Option<string?> DataDir =
        new("--data-dir") { Description = "Folder for databases and run outputs (Csol:DataDirectory)." };
    private static readonly Option<string?> ExperimentsDir =
        new("--experiments-dir") { Description = "Folder of experiment configs (Csol:ExperimentsDirectory)." };
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
        return await HostRunner.RunAsync(parse.UnmatchedTokens.ToArray(), overrides, check: null, cancellationToken);
    }
}
