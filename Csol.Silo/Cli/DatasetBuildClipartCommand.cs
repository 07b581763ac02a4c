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
    private static readonly Option<int> VideosPerClass = new("--videos-per-class")
    {
        Description = "Solo videos per class (18: 6 training_1, 6 training_2, 3 validation, 3 testing).", DefaultValueFactory = _ => 18,
    };
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

    private static readonly Option<bool> BackgroundPerSecond = new("--background-per-second")
    {
        Description = "A new background and distractors every second (the default; kept for older commands).",
    };

    private static readonly Option<bool> BackgroundPerVideo = new("--background-per-video")
    {
        Description = "One background per video (the older build, in which the background identifies the video).",
    };

    private static readonly Option<bool> Small = new("--small")
    {
        Description = "The small build for tests: 4 classes x 4 videos x 3 s at 64 px, 4 duets; options given explicitly still apply.",
    };

    public static Command Create()
    {
        var command = new Command("build-clipart", "Build MUSIC-Clipart: clip-art instruments with synthesised audio, in MUSIC's layout, offline.");
        Option[] options =
        [
            Out, Classes, VideosPerClass, Seconds, Seed, Size, Duets, SyntheticTrain, SyntheticTest, AnnotateTraining,
            BackgroundPerSecond, BackgroundPerVideo, Small,
        ];
        foreach (var option in options)
            command.Options.Add(option);
        command.SetAction((parse, ct) => Task.Run(() => Run(OptionsFrom(parse), ct), ct));
        return command;
    }

    private static ClipartBuildOptions OptionsFrom(ParseResult parse)
    {
        var folder = parse.GetRequiredValue(Out).FullName;
        var preset = parse.GetValue(Small) ? ClipartBuildOptions.Small(folder) : new ClipartBuildOptions(folder, []);
        // An option typed on the command line wins over the preset; one left out keeps the preset's value.
        T Pick<T>(Option<T> option, T presetValue) => parse.GetResult(option) is { Implicit: false } ? parse.GetValue(option)! : presetValue;
        var classes = parse.GetValue(Classes) is { Length: > 0 } named ? named : preset.Classes;
        return preset with
        {
            Classes = classes,
            VideosPerClass = Pick(VideosPerClass, preset.VideosPerClass),
            Seconds = Pick(Seconds, preset.Seconds),
            Seed = Pick(Seed, preset.Seed),
            Size = Pick(Size, preset.Size),
            DuetVideos = Pick(Duets, preset.DuetVideos),
            SyntheticTrain = Pick(SyntheticTrain, preset.SyntheticTrain),
            SyntheticTest = Pick(SyntheticTest, preset.SyntheticTest),
            Parallelism = Environment.ProcessorCount,
            AnnotateTraining = parse.GetValue(AnnotateTraining),
            BackgroundPerSecond = !parse.GetValue(BackgroundPerVideo),
        };
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
