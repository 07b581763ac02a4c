using System.CommandLine;
using System.Globalization;
using Spectre.Console;

namespace Csol.Silo.Cli;

/// <summary>Verbs that make experiments from existing ones on a running server: <c>csol evaluate</c> and
/// <c>csol repeat</c>.</summary>
internal static class WorkflowCommands
{
    public static Command Evaluate()
    {
        var checkpoint =
            new Argument<Guid>("checkpoint") { Description = "A registered checkpoint's id (csol checkpoints).", CustomParser = CliValues.Id };
        var dataset = new Option<string>("--dataset")
        {
            Description = "A registered dataset's id (GET /api/datasets, or the dashboard's Datasets page).", Required = true,
        };
        var split = new Option<string?>("--split")
        {
            Description = "A split inside the dataset: duettest.json, solotest.json, synthetic/test (or test for a generated set). "
                + "Default: the split the checkpoint's own run was scored on.",
        };
        var command = new Command("evaluate", "Queue an evaluation of a checkpoint on a dataset's split (it enters that dataset's leaderboard).")
        {
            checkpoint, dataset, split, ServerCommands.Server,
        };
        command.SetAction((parse, ct) => ServerCommands.WithServerAsync(parse, async client =>
        {
            var id = parse.GetValue(checkpoint);
            var (queued, errors) = await client.EvaluateAsync(id, parse.GetRequiredValue(dataset), parse.GetValue(split), ct);
            if (queued is null)
                return Refused($"checkpoint {id}", errors);
            AnsiConsole.MarkupLineInterpolated($"Queued evaluation [bold]{queued.Id}[/]: {new Uri(client.Server, queued.Url)}");
            return 0;
        }));
        return command;
    }

    public static Command Repeat()
    {
        var experiment = new Argument<Guid>("experiment") { Description = "The experiment to repeat.", CustomParser = CliValues.Id };
        var seeds = new Option<string>("--seeds") { Description = "Comma-separated seeds of the copies, e.g. 2,3.", Required = true };
        var command = new Command("repeat", "Queue copies of an experiment with other seeds (shown as one row, mean ± std, on boards).")
        {
            experiment, seeds, ServerCommands.Server,
        };
        command.SetAction((parse, ct) => ServerCommands.WithServerAsync(parse, async client =>
        {
            var text = parse.GetRequiredValue(seeds);
            var parsed = new List<int>();
            foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed))
                {
                    AnsiConsole.MarkupLineInterpolated($"[red]--seeds: \"{part}\" is not an integer (expected e.g. 2,3)[/]");
                    return 2;
                }
                parsed.Add(seed);
            }
            var id = parse.GetValue(experiment);
            var (queued, errors) = await client.RepeatAsync(id, parsed, ct);
            if (queued is null)
                return Refused($"experiment {id}", errors);
            AnsiConsole.MarkupLineInterpolated($"Queued {queued.Experiments.Count} copies of {id}:");
            foreach (var copy in queued.Experiments)
                AnsiConsole.WriteLine($"  {copy.Id}");
            return 0;
        }));
        return command;
    }

    private static int Refused(string what, IReadOnlyDictionary<string, string[]> errors)
    {
        AnsiConsole.MarkupLineInterpolated($"[red]Refused: {what}:[/]");
        foreach (var (field, messages) in errors)
            foreach (var message in messages)
                AnsiConsole.WriteLine($"  {field}: {message}");
        return 2;
    }
}
