using System.CommandLine;
using System.Globalization;
using Csol.Learning.Data.Clipart;
using Spectre.Console;

namespace Csol.Silo.Cli;

/// <summary><c>csol dataset build-clipart --out DIR</c>: the offline MUSIC-Clipart benchmark.</summary>
internal static class DatasetBuildClipartCommand
{
    private static readonly Option<DirectoryInfo> Out = new("--out") { Description = "Output folder (MUSIC layout).", Required = true };
    private static readonly Option<string[]> Classes =
        new("--classes") { Description = "Classes to build (default: every class with pictures).", AllowMultipleArgumentsPerToken = true };
    private static readonly Option<int> VideosPerClass =
        new("--videos-per-class") { Description = "Solo videos per class.", DefaultValueFactory = _ => 6 };
    private static readonly Option<int> Seconds = new("--seconds") { Description = "Seconds per video.", DefaultValueFactory = _ => 8 };
    private static readonly Option<int> Seed =
        new("--seed") { Description = "Seed; the same seed gives the same files.", DefaultValueFactory = _ => 1 };
    private static readonly Option<int> Size = new("--size") { Description = "Frame side in pixels.", DefaultValueFactory = _ => 224 };
    private static readonly Option<int> Duets = new("--duets") { Description = "Duet videos in total.", DefaultValueFactory = _ => 12 };
    private static readonly Option<int> SyntheticTrain =
        new("--synthetic-train") { Description = "2×2 synthetic training composites.", DefaultValueFactory = _ => 64 };
    private static readonly Option<int> SyntheticTest =
        new("--synthetic-test") { Description = "2×2 synthetic test composites (with boxes).", DefaultValueFactory = _ => 32 };

    private static readonly Option<bool> AnnotateTraining =
        new(
            "--annotate-training")
        {
            Description = "Also write solotrain.json: boxes of the solo_training_1 frames (diagnostics: seen vs. unseen drawings)."
        };

    private static readonly Option<bool> BackgroundPerSecond =
        new(
            "--background-per-second")
        {
            Description = "A new background every second, not one per video (so the background does not identify the video)."
        };

    public static Command Create()
    {
        var command = new Command("build-clipart", "Build MUSIC-Clipart: clip-art instruments with synthesised audio, in MUSIC's layout, offline.");
        foreach (
            var option in new Option[
] { Out, Classes, VideosPerClass, Seconds, Seed, Size, Duets, SyntheticTrain, SyntheticTest, AnnotateTraining, BackgroundPerSecond })
            command.Options.Add(option);
        command.SetAction((parse, ct) => Task.Run(() => Run(new ClipartBuildOptions(
            parse.GetRequiredValue(Out).FullName, parse.GetValue(Classes) ?? [], parse.GetValue(VideosPerClass), parse.GetValue(Seconds),
            parse.GetValue(Seed), parse.GetValue(Size), parse.GetValue(Duets), parse.GetValue(SyntheticTrain), parse.GetValue(SyntheticTest),
            Environment.ProcessorCount, parse.GetValue(AnnotateTraining), parse.GetValue(BackgroundPerSecond)), ct), ct));
        return command;
    }

    private static int Run(ClipartBuildOptions options, CancellationToken cancellationToken)
    {
        var invalid = OptionErrors.Report(options.Validate());
        if (invalid != 0)
            return invalid;

        try
        {
            var summary = new ClipartBenchmarkBuilder(ClipartTools.Default).Build(options, p =>
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{p.Done}/{p.Total}] {p.Video}")), cancellationToken);
            foreach (var skipped in summary.SkippedPictures)
                AnsiConsole.MarkupLine($"[yellow]skipped picture[/] {Markup.Escape(skipped)}");
            AnsiConsole.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"MUSIC-Clipart: {summary.Classes.Count} classes, {summary.VideosPerSplit.Values.Sum()} videos, {summary.Frames} frames, " +
                $"{summary.AnnotatedFrames} annotated, synthetic {summary.SyntheticTrain}/{summary.SyntheticTest}, {summary.ElapsedSeconds:F1} s → "
                    + $"{options.OutputFolder}"));
            return 0;
        }
        catch (ClipartToolsMissingException e)
        {
            AnsiConsole.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
            return 2;
        }
        catch (OperationCanceledException)
        {
            AnsiConsole.MarkupLine("[yellow]Cancelled.[/]");
            return 130;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException)
        {
            AnsiConsole.MarkupLine($"[red]Build failed:[/] {Markup.Escape(e.Message)}");
            return 1;
        }
    }
}
