using System.CommandLine;

namespace Csol.Silo.Cli;

/// <summary><c>csol dataset ...</c>: building and checking datasets on disk.</summary>
internal static class DatasetCommand
{
    public static Command Create()
    {
        var command = new Command("dataset", "Build and check datasets on disk (MUSIC layout).");
        command.Subcommands.Add(DatasetExtractCommand.Create());
        return command;
    }
}
