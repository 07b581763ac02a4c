using System.CommandLine;
using Csol.Learning.Data.Pickle;

namespace Csol.Silo.Cli;

/// <summary><c>csol dataset convert-pickles DIR [--overwrite]</c>: the reference's pickled (201, 64) log-mels → .npy.</summary>
internal static class DatasetConvertPicklesCommand
{
    private static readonly Argument<DirectoryInfo> Folder =
        new(
            "dir")
        {
            Description = "A data set as downloaded, e.g. MUSIC-Synthetic (audio/*.pkl) or MUSIC (audio_frames/*/SSS.pkl); searched recursively."
        };
    private static readonly Option<bool> Overwrite = new("--overwrite") { Description = "Rewrite .npy files that already exist." };

    public static Command Create()
    {
        var command =
            new Command("convert-pickles", "Convert pickled (201, 64) log-mel arrays (*.pkl) to .npy beside them, without running any pickle code.");
        command.Arguments.Add(Folder);
        command.Options.Add(Overwrite);
        command.SetAction((parse, ct) => Task.Run(() => Run(parse.GetRequiredValue(Folder), parse.GetValue(Overwrite)), ct));
        return command;
    }

    private static int Run(DirectoryInfo folder, bool overwrite)
    {
        PickleConversion result;
        try
        {
            result = PickleToNpyConverter.Convert(folder.FullName, overwrite);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
        foreach (var failure in result.Failures)
            Console.Error.WriteLine(failure);
        Console.WriteLine($"converted {result.Converted}, already present {result.AlreadyPresent}, refused {result.Failures.Count}");
        return result.Failures.Count == 0 ? 0 : 1;
    }
}
