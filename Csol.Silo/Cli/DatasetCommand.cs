using System.CommandLine;

namespace Csol.Silo.Cli;

/// <summary><c>csol dataset …</c>: commands that prepare, build and check data folders.</summary>
internal static class DatasetCommand
{
    public static Command Create()
    {
        var command = new Command("dataset", "Prepare, build and inspect data sets (MUSIC layout).");
        command.Subcommands.Add(DatasetExtractCommand.Create());
        command.Subcommands.Add(DatasetInspectCommand.Create());
        command.Subcommands.Add(DatasetBuildClipartCommand.Create());
        command.Subcommands.Add(DatasetAudioCheckCommand.Create());
        command.Subcommands.Add(DatasetConvertPicklesCommand.Create());
        command.Subcommands.Add(ResultCommands.RegisterDataset());
        return command;
    }
}
