using System.CommandLine;
using Csol.Learning.Data.Manifest;
using Spectre.Console;

namespace Csol.Silo.Cli;

/// <summary><c>csol dataset inspect DIR [--json]</c>: what a data folder holds, its content hash and its problems.</summary>
internal static class DatasetInspectCommand
{
    private static readonly Argument<DirectoryInfo> Folder =
        new("dir") { Description = "A MUSIC-layout folder (video_frames/, audio_frames/) or a MUSIC-Synthetic folder (audio/, video/, box/)." };
    private static readonly Option<bool> Json = new("--json") { Description = "Print the manifest as JSON (for scripts and lineage records)." };

    public static Command Create()
    {
        var command = new Command("inspect", "Summarise a dataset folder: classes, clips, per-class counts, content hash, problems.");
        command.Arguments.Add(Folder);
        command.Options.Add(Json);
        command.SetAction((parse, ct) => Task.Run(() => Run(parse.GetRequiredValue(Folder), parse.GetValue(Json)), ct));
        return command;
    }

    private static int Run(DirectoryInfo folder, bool json)
    {
        DatasetManifest manifest;
        try
        {
            manifest = DatasetInspector.Inspect(folder.FullName);
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
        if (json)
        {
            Console.WriteLine(DatasetManifestJson.Serialize(manifest));
            return manifest.Problems.Count == 0 ? 0 : 1;
        }
        var table = new Table().AddColumn("field").AddColumn("value");
        table.AddRow("root", Markup.Escape(manifest.Root));
        table.AddRow("layout", manifest.Layout);
        table.AddRow("classes", Markup.Escape(string.Join(", ", manifest.Classes)));
        table.AddRow("videos", $"{manifest.Videos}");
        table.AddRow("clips", $"{manifest.Clips} of {manifest.TotalSeconds} seconds");
        foreach (var (name, count) in manifest.ClipsPerClass)
            table.AddRow($"  {Markup.Escape(name)}", $"{count}");
        table.AddRow("files", $"{manifest.Files} ({manifest.Bytes:N0} bytes)");
        table.AddRow("content sha256", manifest.ContentHash);
        table.AddRow("problems", $"{manifest.Problems.Count}");
        AnsiConsole.Write(table);
        foreach (var problem in manifest.Problems)
            AnsiConsole.MarkupLine($"[yellow]{Markup.Escape(problem)}[/]");
        return manifest.Problems.Count == 0 ? 0 : 1;
    }
}
