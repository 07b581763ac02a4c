using System.CommandLine;
using System.Globalization;
using Csol.Abstractions;
using Csol.Abstractions.Services;
using Csol.Silo.ExperimentResults.Export;
using Spectre.Console;

namespace Csol.Silo.Cli;

/// <summary>Verbs that read results from, or hand work to, a running server: <c>csol leaderboard</c>,
/// <c>csol checkpoints</c>, <c>csol sweep</c>, <c>csol dataset register</c>.</summary>
internal static class ResultCommands
{
    public static Command Leaderboard()
    {
        var dataset =
            new Argument<string?>("dataset") { Description = "A dataset id; without it, the list of leaderboards.", Arity = ArgumentArity.ZeroOrOne };
        var task =
            new Argument<string?>(
                "task")
            {
                Description = $"{LeaderboardKey.SingleSource}, {LeaderboardKey.MultiSource} or {LeaderboardKey.Detection}; without it, every task "
                + $"of the dataset.", Arity = ArgumentArity.ZeroOrOne
            };
        var top = new Option<int?>("--top") { Description = "Show only the best N entries.", CustomParser = CliValues.OptionalInteger };
        top.Validators.Add(CliValues.AtLeast(1));
        var format = new Option<string?>("--format")
        {
            Description = "Print the board(s) as text to paste into a paper: csv, latex or markdown (best values in bold).",
        };
        format.AcceptOnlyFromAmong([.. ExportFormats.All]);
        var seeds =
            new Option<bool>(
                "--seeds")
            { Description = "With --format: experiments whose configs differ only in seed become one row (mean ± std, n)." };
        var command =
            new Command("leaderboard",
                "Show leaderboards (per dataset and task) on a running server.") { dataset, task, top, format, seeds, ServerCommands.Server };
        command.SetAction((parse, ct) => ServerCommands.WithServerAsync(parse, async client =>
        {
            var keys = await client.ListLeaderboardsAsync(ct);
            var wantedDataset = parse.GetValue(dataset);
            if (wantedDataset is null)
            {
                var list = new Table().AddColumns("dataset", "task");
                foreach (var key in keys)
                    list.AddRow(key.DatasetId, key.Task);
                AnsiConsole.Write(list);
                return 0;
            }
            var wantedTask = parse.GetValue(task);
            var shown = 0;
            foreach (var key in keys.Where(k => k.DatasetId == wantedDataset && (wantedTask is null || k.Task == wantedTask)))
                if (parse.GetValue(format) is { } textFormat)
                {
                    if (await client.ExportLeaderboardAsync(key, textFormat, parse.GetValue(seeds), ct) is not { } text)
                        continue;
                    // Plain stdout, not Spectre's console: the text is meant to be redirected or pasted unchanged.
                    Console.Out.Write(text);
                    shown++;
                }
                else if (await client.GetLeaderboardAsync(key, parse.GetValue(top), ct) is { } board)
                {
                    Write(board);
                    shown++;
                }
            if (shown > 0)
                return 0;
            AnsiConsole.MarkupLineInterpolated(
                $"[red]No leaderboard for dataset {wantedDataset}{(wantedTask is null ? "" : $" and task {wantedTask}")} on {client.Server}[/]");
            return 1;
        }));
        return command;
    }

    public static Command Checkpoints()
    {
        var experiment =
            new Option<Guid?>("--experiment") { Description = "Only this experiment's checkpoints.", CustomParser = CliValues.OptionalId };
        var all = new Option<bool>("--all") { Description = "Include checkpoints whose files retention deleted." };
        var command = new Command("checkpoints", "List checkpoints on a running server, newest first.") { experiment, all, ServerCommands.Server };
        command.SetAction((parse, ct) => ServerCommands.WithServerAsync(parse, async client =>
        {
            var table = new Table().AddColumns("id", "experiment", "stage", "epoch", "metrics", "size", "tags", "file");
            table.Columns[0].NoWrap();
            foreach (var c in await client.ListCheckpointsAsync(parse.GetValue(experiment), parse.GetValue(all), ct))
                table.AddRow(c.Id.ToString(), Markup.Escape(c.ExperimentName), c.Stage, c.Epoch.ToString(CultureInfo.InvariantCulture),
                    Markup.Escape(
                        Metrics(
                            c.Metrics.Where(m => m.Key.StartsWith("val_", StringComparison.Ordinal)
                            && !m.Key.StartsWith("val_ciou_", StringComparison.Ordinal)))),
                    string.Create(CultureInfo.InvariantCulture, $"{c.SizeBytes / 1024.0:0.#} KiB"), Markup.Escape(string.Join(",", c.Tags)),
                    c.Deleted ? "[grey](deleted)[/]" : Markup.Escape(c.Path));
            AnsiConsole.Write(table);
            return 0;
        }));
        return command;
    }

    public static Command Sweep()
    {
        var file =
            new Argument<FileInfo>("config") { Description = "A sweep config: an experiment config plus \"sweep\": { mode, samples, parameters }." };
        var command =
            new Command("sweep",
                "Expand a sweep config and queue its experiments on a running server (all or none).") { file, ServerCommands.Server };
        command.SetAction((parse, ct) => ServerCommands.WithServerAsync(parse, async client =>
        {
            var path = parse.GetRequiredValue(file).FullName;
            if (!File.Exists(path))
            {
                AnsiConsole.MarkupLineInterpolated($"[red]{path}: file not found[/]");
                return 2;
            }
            var (sweep, errors) = await client.QueueSweepAsync(await File.ReadAllTextAsync(path, ct), path, ct);
            if (sweep is null)
                return Refused(path, errors);
            AnsiConsole.MarkupLineInterpolated($"Queued sweep [bold]{sweep.Group}[/]: {sweep.Experiments.Count} experiments");
            foreach (var id in sweep.Experiments)
                AnsiConsole.WriteLine($"  {id}");
            return 0;
        }));
        return command;
    }

    public static Command RegisterDataset()
    {
        var path = new Argument<string>("path") { Description = "A dataset folder under one of the server's data roots (Csol:DataRoots)." };
        var name = new Option<string?>("--name") { Description = "Display name (default: the folder's name)." };
        var command =
            new Command("register",
                "Register a dataset folder on a running server (inspected and hashed there).") { path, name, ServerCommands.Server };
        command.SetAction((parse, ct) => ServerCommands.WithServerAsync(parse, async client =>
        {
            var given = parse.GetRequiredValue(path);
            var (dataset, errors) = await client.RegisterDatasetAsync(given, parse.GetValue(name), ct);
            if (dataset is null)
                return Refused(given, errors);
            AnsiConsole.MarkupLineInterpolated($"Registered [bold]{dataset.Name}[/] as {dataset.Id}: {dataset.Videos} videos, {dataset.Clips} clips");
            foreach (var problem in dataset.Problems)
                AnsiConsole.MarkupLineInterpolated($"  [yellow]{problem}[/]");
            return 0;
        }));
        return command;
    }

    private static int Refused(string what, IReadOnlyDictionary<string, string[]> errors)
    {
        AnsiConsole.MarkupLineInterpolated($"[red]Refused: {what} has problems:[/]");
        foreach (var (field, messages) in errors)
            foreach (var message in messages)
                AnsiConsole.WriteLine($"  {field}: {message}");
        return 2;
    }

    private static void Write(Leaderboard board)
    {
        var summary = $"{board.Key.Task}: {board.Entries.Count} entries, figures from the {LeaderboardKey.FiguresSplit} split";
        AnsiConsole.MarkupLineInterpolated($"[bold]{board.DatasetName}[/] ({board.Key.DatasetId}), {summary}");
        var table =
            new Table().AddColumn("#").AddColumn("experiment").AddColumns(board.MetricColumns.ToArray()).AddColumns(board.ClassColumns.ToArray())
            .AddColumn("checkpoint");
        foreach (var (entry, rank) in board.Entries.Select((e, i) => (e, i + 1)))
        {
            var cells = new List<string> { rank.ToString(CultureInfo.InvariantCulture), Markup.Escape(entry.ExperimentName) };
            cells.AddRange(board.MetricColumns.Select(c => Value(entry.Metrics, c)));
            cells.AddRange(board.ClassColumns.Select(c => Value(entry.PerClass, c)));
            cells.Add(entry.CheckpointId?.ToString() ?? "");
            table.AddRow(cells.ToArray());
        }
        AnsiConsole.Write(table);
    }

    private static string Value(IReadOnlyDictionary<string, double> values, string key) =>
        values.TryGetValue(key, out var v) ? v.ToString("0.###", CultureInfo.InvariantCulture) : "–";

    private static string Metrics(IEnumerable<KeyValuePair<string, double>> metrics) =>
        string.Join(" ",
            metrics.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Key}={m.Value:0.###}")));
}
