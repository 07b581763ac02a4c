using System.CommandLine;
using Csol.Abstractions;
using Csol.Abstractions.Services;
using Spectre.Console;

namespace Csol.Silo.Cli;

/// <summary><c>csol delete</c> and <c>csol gc</c>. Both ask the running server: it knows which experiments run, holds
/// the checkpoint records in its grains, and is the one writer of the data directory.</summary>
internal static class StorageCommands
{
    public static Command Delete()
    {
        var id = new Argument<Guid>("id") { Description = "The experiment to delete (finished, cancelled or a draft).", CustomParser = CliValues.Id };
        var yes = new Option<bool>("--yes", "-y") { Description = "Do not ask for confirmation." };
        var command = new Command("delete", "Delete an experiment's run files; its record stays, marked deleted, and its leaderboard entries go.")
        {
            id, yes, ServerCommands.Server,
        };
        command.SetAction((parse, ct) => ServerCommands.WithServerAsync(parse, async client =>
        {
            var experimentId = parse.GetRequiredValue(id);
            if (await client.GetAsync(experimentId, ct) is not { } experiment)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]No experiment {experimentId} on {client.Server}[/]");
                return 1;
            }
            if (!parse.GetValue(yes) && !Confirm(experiment))
                return 1;
            var (deleted, refusal) = await client.DeleteExperimentAsync(experimentId, ct);
            if (deleted is null)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]Not deleted: {refusal}[/]");
                return 1;
            }
            var freed = DiskUsageText.Format(deleted.Freed.Bytes);
            AnsiConsole.MarkupLineInterpolated($"Deleted [bold]{experiment.Name}[/] ({experimentId}): {deleted.Freed.Files} files, {freed} freed");
            return 0;
        }));
        return command;
    }

    public static Command Gc()
    {
        var dryRun = new Option<bool>("--dry-run") { Description = "Report what would be freed; remove nothing." };
        var command =
            new Command("gc",
                "Apply checkpoint retention (Csol:Checkpoints:KeepBest) to every finished experiment and remove run folders of deleted ones.")
        {
            dryRun, ServerCommands.Server,
        };
        command.SetAction((parse, ct) => ServerCommands.WithServerAsync(parse, async client =>
        {
            var report = await client.CollectGarbageAsync(parse.GetValue(dryRun), ct);
            var table = new Table().AddColumns("experiment", "path", "files", "size", "why");
            foreach (var item in report.Items)
                table.AddRow(item.ExperimentId.ToString("N")[..8], Markup.Escape(item.Path), item.Size.Files.ToString(),
                    DiskUsageText.Format(item.Size.Bytes), Markup.Escape(item.Reason));
            if (report.Items.Count > 0)
                AnsiConsole.Write(table);
            var (verb, freed) = (report.DryRun ? "Would free" : "Freed", DiskUsageText.Format(report.Freed.Bytes));
            AnsiConsole.MarkupLineInterpolated($"{verb} {report.Freed.Files} files, {freed} ({report.Freed.Bytes} bytes)");
            return 0;
        }));
        return command;
    }

    private static bool Confirm(ExperimentSnapshot experiment)
    {
        if (Console.IsInputRedirected)
        {
            AnsiConsole.MarkupLine("[red]Not deleted: no terminal to confirm on; pass --yes[/]");
            return false;
        }
        Console.Write($"Delete experiment {experiment.Name} ({experiment.Status}) and its run files? This cannot be undone. [y/N] ");
        return Console.ReadLine()?.Trim().ToLowerInvariant() is "y" or "yes";
    }
}
