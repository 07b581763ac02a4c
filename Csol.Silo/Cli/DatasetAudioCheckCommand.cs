using System.CommandLine;
using System.Globalization;
using Csol.Learning.Data.Music;
using Spectre.Console;

namespace Csol.Silo.Cli;

/// <summary><c>csol dataset audio-check DIR</c>: can the audio of unseen videos be told apart by class?
/// (nearest class mean on per-band log-mel statistics; see <see cref="AudioClassCheck"/>).</summary>
internal static class DatasetAudioCheckCommand
{
    private static readonly Argument<DirectoryInfo> Folder =
        new("dir") { Description = "A MUSIC-layout folder (audio_frames/, MUSIC_label/, solo/)." };
    private static readonly Option<string> TrainSplit =
        new("--train-split") { Description = "Split list the class means come from.", DefaultValueFactory = _ => "solo/solo_training_1.txt" };
    private static readonly Option<string> TestSplit =
        new("--test-split") { Description = "Split list whose clips are labelled.", DefaultValueFactory = _ => "solo/solo_testing.txt" };

    public static Command Create()
    {
        var command =
            new Command("audio-check",
                "Nearest-class-mean accuracy of the test split's 1-s log-mel clips against chance: does the audio carry the class across videos?");
        command.Arguments.Add(Folder);
        command.Options.Add(TrainSplit);
        command.Options.Add(TestSplit);
        command.SetAction(
            (parse, ct) => Task.Run(() => Run(parse.GetRequiredValue(Folder), parse.GetValue(TrainSplit)!, parse.GetValue(TestSplit)!), ct));
        return command;
    }

    private static int Run(DirectoryInfo folder, string trainSplit, string testSplit)
    {
        AudioClassCheckResult result;
        try
        {
            result = AudioClassCheck.Run(folder.FullName, trainSplit, testSplit);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }

        var table = new Table().AddColumns("class", "test clips", "labelled right");
        foreach (var (name, (correct, total)) in result.PerClass)
            table.AddRow(Markup.Escape(name), $"{total}", string.Create(CultureInfo.InvariantCulture, $"{(double)correct / total:F3}"));
        AnsiConsole.Write(table);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{folder.FullName}: nearest class mean, {result.TrainClips} training clips ({result.Classes} classes) -> {result.TestClips} test "
                + $"clips: accuracy {result.Accuracy:F3} (chance {result.Chance:F3})"));
        return 0;
    }
}
