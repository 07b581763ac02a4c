using System.CommandLine;
using System.Globalization;
using Csol.Abstractions;
using Spectre.Console;

namespace Csol.Silo.Cli;

/// <summary>Verbs that talk to a running server: <c>csol queue</c>, <c>csol status</c>.</summary>
internal static class ServerCommands
{
    internal static readonly Option<string> Server = new("--server")
    {
        Description = $"The Csol server (default: $CSOL_SERVER or {CsolApiClient.DefaultServer}).",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("CSOL_SERVER") is { Length: > 0 } s ? s : CsolApiClient.DefaultServer,
    };

    public static Command Queue()
    {
        var file = new Argument<FileInfo>("config") { Description = "An experiment config, e.g. experiments/quick.json." };
        var priority = new Option<int?>("--priority")
        {
            Description = "Priority (higher starts first); overrides the config's.", CustomParser = CliValues.OptionalInteger,
        };
        var draft =
            new Option<bool>("--draft") { Description = "Save it as a draft (queue it later from its page or POST /api/experiments/{id}/queue)." };
        var command = new Command("queue", "Queue an experiment on a running server.") { file, priority, draft, Server };
        command.SetAction((parse, ct) => WithServerAsync(parse, async client =>
        {
            var path = parse.GetRequiredValue(file).FullName;
            if (!File.Exists(path))
            {
                AnsiConsole.MarkupLineInterpolated($"[red]{path}: file not found[/]");
                return 2;
            }
            var (queued, errors) =
                await client.QueueAsync(await File.ReadAllTextAsync(path, ct), path, parse.GetValue(priority), ct, parse.GetValue(draft));
            if (queued is null)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]Not queued: {path} has problems:[/]");
                foreach (var (field, messages) in errors)
                    foreach (var message in messages)
                        AnsiConsole.WriteLine($"  {path}: {field}: {message}");
                return 2;
            }
            AnsiConsole.MarkupLineInterpolated(
                $"{(parse.GetValue(draft) ? "Saved draft" : "Queued")} [bold]{queued.Id}[/]: {new Uri(client.Server, queued.Url)}");
            return 0;
        }));
        return command;
    }

    public static Command Status()
    {
        var id = new Argument<Guid?>("id")
        {
            Description = "An experiment id; without it, every experiment.", Arity = ArgumentArity.ZeroOrOne, CustomParser = CliValues.OptionalId,
        };
        var command = new Command("status", "Show experiments on a running server.") { id, Server };
        command.SetAction((parse, ct) => WithServerAsync(parse, async client =>
        {
            if (parse.GetValue(id) is { } one)
                return await ShowOneAsync(client, one, ct);
            var table = new Table().AddColumns("id", "name", "status", "created", "validation");
            table.Columns[0].NoWrap();
            foreach (var e in await client.ListAsync(ct))
                table.AddRow(e.Id.ToString(), Markup.Escape(e.Name), e.Status.ToString(),
                    e.CreatedAt.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), Markup.Escape(ValidationText(e)));
            AnsiConsole.Write(table);
            if (await client.GetQueueAsync(ct) is { } queue)
                WriteQueue(queue);
            return 0;
        }));
        return command;
    }

    /// <summary>Devices with what they run, then the waiting experiments in the order they will start.</summary>
    private static void WriteQueue(QueueView queue)
    {
        var devices = new Table().AddColumns("device", "kind", "running", "step");
        foreach (var d in queue.Devices)
            devices.AddRow(d.Device.Key, d.Device.Kind,
                d.RunningExperimentId is { } id ? $"{id} {Markup.Escape(d.RunningExperimentName ?? "")}" : "idle",
                d.RunningExperimentId is null ? "" : $"{d.LastStep}/{d.TotalSteps}");
        AnsiConsole.Write(devices);
        var waiting = new Table().AddColumns("#", "id", "name", "priority", "device", "queued");
        foreach (var (e, i) in queue.Waiting.Select((e, i) => (e, i)))
            waiting.AddRow((i + 1).ToString(CultureInfo.InvariantCulture), e.ExperimentId.ToString(), Markup.Escape(e.Name),
                e.Priority.ToString(CultureInfo.InvariantCulture), e.DeviceRequest,
                    e.QueuedAt.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        AnsiConsole.MarkupLineInterpolated($"[bold]{queue.Waiting.Count} waiting[/]");
        if (queue.Waiting.Count > 0)
            AnsiConsole.Write(waiting);
    }

    private static async Task<int> ShowOneAsync(CsolApiClient client, Guid id, CancellationToken ct)
    {
        if (await client.GetAsync(id, ct) is not { } e)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]No experiment {id} on {client.Server}[/]");
            return 1;
        }
        AnsiConsole.MarkupLineInterpolated(
            $"[bold]{e.Name}[/] {e.Status}, step {e.LastStep}/{e.TotalSteps}, attempt {e.Attempts}, priority {e.Priority}, device {e.Device ?? "-"}");
        foreach (var a in e.AttemptHistory)
            AnsiConsole.MarkupLineInterpolated(
                $"  attempt {a.Number}: {a.StepName} on {a.Device} from step {a.ResumedFromStep}{(a.Error is null ? "" : $" — {a.Error}")}");
        if (e.Error is not null)
            AnsiConsole.MarkupLineInterpolated($"[red]{e.Error}[/]");
        var latest = (await client.GetMetricsAsync(id, ct)).GroupBy(p => p.Name).Select(g => g.MaxBy(p => p.Step)!);
        var table = new Table().AddColumns("metric", "step", "value");
        foreach (var p in latest.OrderBy(p => p.Name, StringComparer.Ordinal))
            table.AddRow(p.Name, p.Step.ToString(CultureInfo.InvariantCulture), p.Value.ToString("0.####", CultureInfo.InvariantCulture));
        AnsiConsole.Write(table);
        return e.Status == ExperimentStatus.Failed ? 1 : 0;
    }

    private static string ValidationText(ExperimentSummary experiment) =>
        string.Join(" ", experiment.ValidationMetrics.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Key}={m.Value:0.###}")));

    internal static async Task<int> WithServerAsync(ParseResult parse, Func<CsolApiClient, Task<int>> action)
    {
        if (Console.IsOutputRedirected)
            AnsiConsole.Profile.Width = 240; // piped output has no terminal width; keep ids whole

        if (!Uri.TryCreate(parse.GetValue(Server), UriKind.Absolute, out var server))
        {
            AnsiConsole.MarkupLineInterpolated($"[red]--server: expected an absolute URL such as {CsolApiClient.DefaultServer}[/]");
            return 2;
        }
        try
        {
            using var client = new CsolApiClient(server, CliCredentials.TokenFor(server));
            return await action(client);
        }
        catch (CsolServerUnreachableException e)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]{e.Message}[/]");
            return 3;
        }
        catch (CsolAccessException e)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]{e.Message}[/]");
            return e.ExitCode;
        }
        catch (InvalidOperationException e) when (e.Message.Contains("credentials file", StringComparison.Ordinal))
        {
            AnsiConsole.MarkupLineInterpolated($"[red]{e.Message}[/]");
            return 2;
        }
    }
}
