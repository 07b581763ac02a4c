using System.CommandLine;
using Csol.Silo.Hosting;

namespace Csol.Silo.Cli;

/// <summary><c>csol worker --devices cuda:0,cuda:1</c>: a GPU host joining the cluster. It offers those devices to the
/// cluster's scheduler and runs the jobs of their Hangfire queues only; its dashboard and API show the whole cluster.</summary>
internal static class WorkerCommand
{
    private static readonly Option<string> Devices = new("--devices")
    {
        Description = "Devices this host offers: cuda:0,cuda:1 or cpu:N (Csol:Scheduler:Devices). Start-up fails for a device the machine lacks.",
        Required = true,
    };
    private static readonly Option<string?> HostName =
        new("--host") { Description = "This host's name in the cluster (Csol:Scheduler:Host; default the machine name)." };
    private static readonly Option<string?> DataDir =
        new("--data-dir") { Description = "The shared run root every host mounts at the same path (Csol:DataDirectory)." };
    private static readonly Option<string?> Urls =
        new("--urls") { Description = "Where this host's dashboard and API listen (default http://127.0.0.1:5080)." };

    public static Command Create()
    {
        var command = new Command("worker", "Join a cluster (Csol:Orleans:Clustering=redis) as a worker host offering the given devices.");
        command.Options.Add(Devices);
        command.Options.Add(HostName);
        command.Options.Add(DataDir);
        command.Options.Add(Urls);
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, ct) => RunAsync(parse, ct));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var overrides = new Dictionary<string, string?> { [$"{SchedulerOptions.Section}:Devices"] = parse.GetValue(Devices) };
        if (parse.GetValue(HostName) is { } host) overrides[$"{SchedulerOptions.Section}:Host"] = host;
        if (parse.GetValue(DataDir) is { } data) overrides["Csol:DataDirectory"] = data;
        if (parse.GetValue(Urls) is { } urls) overrides["Urls"] = urls;
        return await HostRunner.RunAsync(parse.UnmatchedTokens.ToArray(), overrides, RefuseOutsideACluster, cancellationToken);
    }

    private static string? RefuseOutsideACluster(WebApplication app)
    {
        var orleans = OptionsValidation.ValidateNow<OrleansOptions>(app.Configuration, OrleansOptions.Section);
        var database = OptionsValidation.ValidateNow<Persistence.DatabaseOptions>(app.Configuration, Persistence.DatabaseOptions.Section);
        return orleans.IsCluster && database.IsPostgres
            ? null
            : "csol worker joins a cluster: it needs Csol:Orleans:Clustering=redis with ConnectionStrings:Redis, and " +
              "Csol:Database:Provider=postgres with ConnectionStrings:Platform (see appsettings/appsettings.Cluster.json and docs/deploy.md). " +
              "For one machine, run csol serve.";
    }
}
