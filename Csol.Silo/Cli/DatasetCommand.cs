using System.CommandLine;

namespace Csol.Silo.Cli;

/// <summary><c>csol dataset …</c>: commands that build or inspect data sets.</summary>
internal static class DatasetCommand
{
    public static Command Create()
    {
        var command = new Command("dataset", "Build or inspect data sets.");
        command.Subcommands.Add(DatasetBuildClipartCommand.Create());
        return command;
    }
}
