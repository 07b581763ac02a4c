using Csol.Silo.Jobs;
using System.CommandLine;
using System.Globalization;
using Csol.Learning.Experiments;
using Csol.Learning.Training;
using Spectre.Console;

namespace Csol.Silo.Cli;

/// <summary><c>csol run experiments/x.json</c>: one experiment in the foreground, without the server.</summary>
internal static class RunCommand
{
    private static readonly Argument<FileInfo> ConfigFile = new("config") { Description = "An experiment config, e.g. experiments/quick.json." };
    private static readonly Option<DirectoryInfo?> Output = new("--output")
    {
        Description = "The run's folder for kinds that write one (pipeline): checkpoints, matching.json, metrics.json, pictures/. "
            + "A second run with the same folder skips finished steps. Default: runs/<config name>.",
    };

    public static Command Create()
    {
        var command = new Command("run", "Train one experiment in this shell and print its final metrics.");
        command.Arguments.Add(ConfigFile);
        command.Options.Add(Output);
        command.SetAction((parse, ct) => Task.Run(() => Run(parse.GetRequiredValue(ConfigFile), parse.GetValue(Output), ct), ct));
        return command;
    }

    private static int Run(FileInfo file, DirectoryInfo? output, CancellationToken cancellationToken)
    {
        ExperimentConfig config;
        try
        {
            config = ExperimentConfigLoader.LoadFile(file.FullName);
        }
        catch (ExperimentConfigException e)
        {
            AnsiConsole.MarkupLine($"[red]The config cannot be used ({e.Errors.Count} problem{(e.Errors.Count == 1 ? "" : "s")}):[/]");
            foreach (var error in e.Errors)
                AnsiConsole.WriteLine($"  {error}");
            return 2;
        }

        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(config.Name)}[/] ({config.Kind}, seed {config.Seed}, device {config.Device})");
        var outputDirectory = output?.FullName ?? Path.GetFullPath(Path.Combine("runs", config.Name));
        if (ExperimentRunnerFactory.UsesOutputDirectory(config))
            AnsiConsole.MarkupLine($"output: {Markup.Escape(outputDirectory)}");
        try
        {
            TrainingResult? result = null;
            AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(),
                    new RemainingTimeColumn())
                .Start(ctx =>
                {
                    var task = ctx.AddTask("training", maxValue: 1);
                    result = ExperimentRunnerFactory.Create(config, outputDirectory).Run(p =>
                    {
                        task.MaxValue = p.TotalSteps;
                        task.Value = p.Step;
                        if (p.Metrics.TryGetValue("loss", out var loss))
                            task.Description = string.Create(CultureInfo.InvariantCulture, $"epoch {p.Epoch + 1} loss {loss:F4}");
                        if (p.Metrics.ContainsKey("val_auc") || p.Metrics.ContainsKey("nmi"))
                            AnsiConsole.WriteLine(EpochLine(p));
                    }, cancellationToken);
                });
            PrintResult(result!);
            return 0;
        }
        catch (OperationCanceledException)
        {
            AnsiConsole.MarkupLine("[yellow]Cancelled.[/]");
            return 130;
        }
        catch (Exception e)
        {
            AnsiConsole.MarkupLine($"[red]Training failed:[/] {Markup.Escape(e.Message)}");
            return 1;
        }
    }

    /// <summary>One line per validation and per clustering, so a run's curve is visible without the dashboard.</summary>
    private static string EpochLine(TrainingProgress p)
    {
        static string Value(string key, double v) => string.Create(CultureInfo.InvariantCulture, $"{key} {v:0.###}");
        var keys = new[] { "epoch_loss", "val_loss", "val_accuracy", "val_iou@0.5", "val_auc", "val_pointing", "conv_av_w", "cls_epoch_loss", "nmi" };
        return string.Create(CultureInfo.InvariantCulture, $"epoch {p.Epoch + 1} step {p.Step} {p.ElapsedSeconds:F0}s: ")
            + string.Join(", ", keys.Where(p.Metrics.ContainsKey).Select(k => Value(k, p.Metrics[k])));
    }

    private static void PrintResult(TrainingResult result)
    {
        var table = new Table().AddColumn("metric").AddColumn(new TableColumn("value").RightAligned());
        foreach (var (name, value) in result.FinalMetrics.OrderBy(m => m.Key, StringComparer.Ordinal))
            table.AddRow(name, value.ToString("0.####", CultureInfo.InvariantCulture));
        AnsiConsole.Write(table);
        AnsiConsole.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{result.Steps} steps in {result.ElapsedSeconds:F1} s"));
    }
}
