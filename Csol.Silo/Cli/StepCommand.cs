using System.CommandLine;
using Csol.Silo.Jobs;

namespace Csol.Silo.Cli;

/// <summary><c>csol step</c>: one step of an experiment in a process of its own, started by the host that owns the device
/// (see <see cref="StepSupervisor"/> and docs/isolation.md). Hidden: users never run it by hand.</summary>
internal static class StepCommand
{
    private static readonly Option<Guid> Experiment = new("--experiment") { Description = "The experiment's id.", Required = true };
    private static readonly Option<int> Step = new("--step") { Description = "Index of the step among the experiment's steps.", Required = true };
    private static readonly Option<int> Attempt =
        new("--attempt") { Description = "1 for the step's first try, 2 for its first retry, ...", Required = true };
    private static readonly Option<DirectoryInfo> RunDirectory = new("--run-dir") { Description = "The experiment's run folder.", Required = true };
    private static readonly Option<string> Device =
        new("--device") { Description = "TorchSharp device for configs that ask for auto or cuda.", DefaultValueFactory = _ => "cpu" };
    private static readonly Option<int> Threads = new("--threads") { Description = "Torch intra-op threads.", DefaultValueFactory = _ => 1 };
    private static readonly Option<string> Channel = new("--channel") { Description = "The host's Unix domain socket.", Required = true };

    public static Command Create()
    {
        var command = new Command("step", "Run one experiment step for a supervising host (internal).") { Hidden = true };
        foreach (var option in new Option[] { Experiment, Step, Attempt, RunDirectory, Device, Threads, Channel })
            command.Options.Add(option);
        command.SetAction(parse => new StepChild(new StepChildArguments(
            parse.GetValue(Experiment), parse.GetValue(Step), parse.GetValue(Attempt), parse.GetRequiredValue(RunDirectory).FullName,
            parse.GetRequiredValue(Device), Math.Max(1, parse.GetValue(Threads)), parse.GetRequiredValue(Channel))).Run());
        return command;
    }
}
