using System.CommandLine;

namespace Csol.Silo.Cli;

public static class CsolCommandLine
{
    /// <summary><c>csol</c> with no verb serves, like <c>csol serve</c>.</summary>
    public static RootCommand Create()
    {
        var root = ServeCommand.Configure(new RootCommand("Csol Platform: class-aware sounding object localization experiments."));
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(WorkerCommand.Create());
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(ServerCommands.Queue());
        root.Subcommands.Add(ServerCommands.Status());
        root.Subcommands.Add(AuthCommands.Login());
        root.Subcommands.Add(AuthCommands.Token());
        root.Subcommands.Add(UserCommand.Create());
        root.Subcommands.Add(ResultCommands.Sweep());
        root.Subcommands.Add(ResultCommands.Leaderboard());
        root.Subcommands.Add(ResultCommands.Checkpoints());
        root.Subcommands.Add(WorkflowCommands.Evaluate());
        root.Subcommands.Add(WorkflowCommands.Repeat());
        root.Subcommands.Add(StorageCommands.Delete());
        root.Subcommands.Add(StorageCommands.Gc());
        root.Subcommands.Add(PerClassCommand.Create());
        root.Subcommands.Add(DatasetCommand.Create());
        root.Subcommands.Add(PretrainCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(StepCommand.Create());
        return root;
    }
}
