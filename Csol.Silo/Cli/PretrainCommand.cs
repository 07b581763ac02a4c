using System.CommandLine;
using System.Globalization;
using Csol.Learning.Pretraining;
using Spectre.Console;

namespace Csol.Silo.Cli;

/// <summary><c>csol pretrain clipart --out FILE</c>: the offline stand-in for ImageNet weights (see <see cref="ClipartPretrainer"/>).</summary>
internal static class PretrainCommand
{
    private static readonly ClipartPretrainOptions Defaults = new("");
    private static readonly Option<FileInfo> Out =
        new("--out") { Description = "Backbone state dict to write (the manifest goes beside it as *.manifest.json).", Required = true };
    private static readonly Option<int> Width =
        new(
            "--width")
        {
            Description = "Backbone base width: must equal the stage-one config's model.baseWidth.",
            DefaultValueFactory = _ => Defaults.BaseWidth
        };
    private static readonly Option<int> Size =
        new("--size") { Description = "Input side: the stage-one config's data.imageSize.", DefaultValueFactory = _ => Defaults.ImageSize };
    private static readonly Option<int> Steps = new("--steps") { Description = "Training steps.", DefaultValueFactory = _ => Defaults.Steps };
    private static readonly Option<int> Batch = new("--batch") { Description = "Samples per step.", DefaultValueFactory = _ => Defaults.BatchSize };
    private static readonly Option<double> LearningRate =
        new("--lr") { Description = "Adam's initial learning rate (cosine decay to 0).", DefaultValueFactory = _ => Defaults.LearningRate };
    private static readonly Option<int> Seed =
        new("--seed") { Description = "Seed: fixes the initial weights and every sample.", DefaultValueFactory = _ => Defaults.Seed };
    private static readonly Option<int> Threads =
        new("--threads") { Description = "TorchSharp threads (0 = default).", DefaultValueFactory = _ => Defaults.Threads };
    private static readonly Option<int> Categories =
        new("--categories") { Description = "Only the first N categories by name (0 = all).", DefaultValueFactory = _ => Defaults.Categories };
    private static readonly Option<int> PerCategory =
        new("--per-category") { Description = "At most N drawings per category.", DefaultValueFactory = _ => Defaults.PerCategory };
    private static readonly Option<int> EvalEvery =
        new("--eval-every") { Description = "Held-out accuracy every N steps (and at the end).", DefaultValueFactory = _ => Defaults.EvalEvery };
    private static readonly Option<int> LogEvery =
        new("--log-every") { Description = "Progress line every N steps.", DefaultValueFactory = _ => Defaults.LogEvery };
    private static readonly Option<DirectoryInfo> Clipart =
        new("--clipart") { Description = $"The openclipart SVG tree (default {Defaults.ClipartRoot})." };

    public static Command Create()
    {
        var command = new Command("pretrain", "Pretrain the visual backbone offline (stand-in for ImageNet weights).");
        var clipart =
            new Command("clipart",
                "Classify openclipart drawing categories (no music or instrument drawing) and save the visual ResNet-18 for model.imagenetWeights.");
        foreach (
            var option in new Option[
] { Out, Width, Size, Steps, Batch, LearningRate, Seed, Threads, Categories, PerCategory, EvalEvery, LogEvery, Clipart })
            clipart.Options.Add(option);
        clipart.SetAction((parse, ct) => Task.Run(() => Run(new ClipartPretrainOptions(
            parse.GetRequiredValue(Out).FullName, parse.GetValue(Width), parse.GetValue(Size), parse.GetValue(Steps), parse.GetValue(Batch),
            parse.GetValue(LearningRate), parse.GetValue(Seed), parse.GetValue(Threads), parse.GetValue(Categories), parse.GetValue(PerCategory),
            parse.GetValue(EvalEvery), parse.GetValue(LogEvery), parse.GetValue(Clipart)?.FullName ?? Defaults.ClipartRoot), ct), ct));
        command.Subcommands.Add(clipart);
        return command;
    }

    private static int Run(ClipartPretrainOptions options, CancellationToken cancellationToken)
    {
        var invalid = OptionErrors.Report(options.Validate());
        if (invalid != 0)
            return invalid;

        try
        {
            var manifest = new ClipartPretrainer(options).Run(p => Console.WriteLine(Line(p)), line => Console.WriteLine(line), cancellationToken);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{manifest.Categories.Count} categories (chance {manifest.ChanceAccuracy:F3}): held-out acc {manifest.HeldOutAccuracy:F3} on "
                    + $"{manifest.HeldOutSamples} samples, " +
                $"train acc {manifest.TrainAccuracy:F3}; {manifest.Steps} steps in {manifest.TrainSeconds:F0} s (+{manifest.LoadSeconds:F0} s "
                    + $"loading), " +
                $"rendered {manifest.MillisecondsPerSample:F2} ms/sample → {options.Output}, {options.ManifestPath}"));
            return 0;
        }
        catch (OperationCanceledException)
        {
            AnsiConsole.MarkupLine("[yellow]Cancelled.[/]");
            return 130;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException)
        {
            AnsiConsole.MarkupLine($"[red]Pretraining failed:[/] {Markup.Escape(e.Message)}");
            return 1;
        }
    }

    private static string Line(PretrainProgress p)
    {
        var heldOut = p.HeldOutAccuracy is { } h ? string.Create(CultureInfo.InvariantCulture, $" held-out acc {h:F3}") : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"step {p.Step}/{p.Steps} loss {p.Loss:F4} train acc {p.TrainAccuracy:F3}{heldOut} {p.Seconds:F0} s");
    }
}
