using System.CommandLine;
using Csol.Learning.Data.Media;
using Spectre.Console;

namespace Csol.Silo.Cli;

/// <summary><c>csol dataset extract --videos DIR --out DIR [--skip-bad]</c>: raw videos → MUSIC's frames and log-mels.</summary>
internal static class DatasetExtractCommand
{
    private static readonly Option<DirectoryInfo> Videos =
        new("--videos") { Description = "Folder of *.mp4, *.mkv, *.webm, *.avi videos.", Required = true };
    private static readonly Option<DirectoryInfo> Out =
        new("--out") { Description = "Dataset root; gets video_frames/ and audio_frames/.", Required = true };
    private static readonly Option<bool> SkipBad =
        new("--skip-bad") { Description = "Skip videos that cannot be used, list them at the end, and go on." };

    public static Command Create()
    {
        var command = new Command("extract", "Extract 4-fps JPEG frames and (201, 64) log-mel .npy seconds from raw videos.");
        command.Options.Add(Videos);
        command.Options.Add(Out);
        command.Options.Add(SkipBad);
        command.SetAction((parse, ct) => RunAsync(parse.GetRequiredValue(Videos), parse.GetRequiredValue(Out), parse.GetValue(SkipBad), ct));
        return command;
    }

    private static async Task<int> RunAsync(DirectoryInfo videos, DirectoryInfo output, bool skipBad, CancellationToken cancellationToken)
    {
        if (!videos.Exists)
        {
            AnsiConsole.MarkupLine($"[red]--videos: {Markup.Escape(videos.FullName)} does not exist.[/]");
            return 1;
        }
        if (MusicPreprocessor.FindVideos(videos.FullName).Count == 0)
        {
            AnsiConsole.MarkupLine(
                $"[red]No videos ({string.Join(", ", MusicPreprocessor.VideoExtensions)}) in {Markup.Escape(videos.FullName)}.[/]");
            return 1;
        }
        output.Create();
        DatasetExtractionReport report;
        try
        {
            report = await new MusicPreprocessor(new FfmpegRunner())
                .ExtractAllAsync(videos.FullName, output.FullName, skipBad, Print, cancellationToken);
        }
        catch (FfmpegNotFoundException e)
        {
            AnsiConsole.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
            return 1;
        }
        catch (OperationCanceledException)
        {
            AnsiConsole.MarkupLine("[yellow]Cancelled; finished videos are kept.[/]");
            return 130;
        }

        AnsiConsole.WriteLine($"{report.Extracted.Count} video(s) extracted into {output.FullName}, {report.Bad.Count} bad.");
        if (report.Bad.Count > 0 && skipBad)
        {
            AnsiConsole.MarkupLine("[yellow]Skipped:[/]");
            foreach (var bad in report.Bad)
                AnsiConsole.WriteLine($"  {bad.Path}: {bad.Problem}");
        }
        if (report.Stopped)
            AnsiConsole.MarkupLine("[red]Stopped at the first bad video (use --skip-bad to go on); finished videos are kept.[/]");
        return report.Bad.Count == 0 || (skipBad && report.Extracted.Count > 0) ? 0 : 1;
    }

    private static void Print(VideoOutcome outcome)
    {
        var prefix = $"[{outcome.Index + 1}/{outcome.Total}] {Path.GetFileName(outcome.Path)}";
        if (outcome.Result is { } result)
            AnsiConsole.MarkupLine(result.AlreadyExtracted
                ? $"[grey]{Markup.Escape(prefix)}: already extracted ({result.Seconds} s)[/]"
                : $"{Markup.Escape(prefix)}: [green]{result.Seconds} s, {result.FrameFiles} frames[/]");
        else
            AnsiConsole.MarkupLine($"{Markup.Escape(prefix)}: [red]{Markup.Escape(outcome.Bad!.Problem)}[/]");
    }
}
