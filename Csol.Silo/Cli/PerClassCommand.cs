using System.CommandLine;
using System.Globalization;
using Csol.Learning.Evaluation;
using Spectre.Console;

namespace Csol.Silo.Cli;

/// <summary><c>csol per-class RUN --data DIR</c>: a finished stage-one evaluation split by class, model next to the
/// centre prior (see <see cref="PerClassBreakdown"/>).</summary>
internal static class PerClassCommand
{
    private static readonly Argument<DirectoryInfo> Run = new("run") { Description = "A run folder (runs/<name>) or its stage-one folder." };
    private static readonly Option<DirectoryInfo> Data =
        new("--data") { Description = "The run's data folder (MUSIC layout), for each video's class.", Required = true };
    private static readonly Option<int?> Epoch =
        new("--epoch")
        {
            Description = "Evaluation epoch (0-based, as in evaluation/epoch-NNN); default: the last one evaluated.",
            CustomParser = CliValues.OptionalInteger,
        };
    private static readonly Option<string[]> Group =
        new(
            "--group")
        {
            Description = "NAME=class1,class2,… scored over all frames of its classes (repeatable).",
            AllowMultipleArgumentsPerToken = false
        };

    public static Command Create()
    {
        var command =
            new Command("per-class",
                "Stage-one IoU@0.5, AUC and pointing per class (and per group of classes) for the model and the centre prior, from a run's "
                + "per-frame results.")
        {
            Run, Data, Epoch, Group,
        };
        command.SetAction(
            (parse, ct)
            => Task.Run(() => Execute(parse.GetRequiredValue(Run), parse.GetRequiredValue(Data), parse.GetValue(Epoch), parse.GetValue(Group) ?? []),
                ct));
        return command;
    }

    private static int Execute(DirectoryInfo run, DirectoryInfo data, int? epoch, string[] groupSpecs)
    {
        try
        {
            var groups = ParseGroups(groupSpecs);
            var evaluation = EvaluationFolder(run.FullName);
            var epochFolder = epoch is { } e
                ? Path.Combine(evaluation, $"epoch-{e:D3}")
                // The test frames scored once at the epoch chosen on validation; older runs have only epoch folders.
                : Directory.Exists(Path.Combine(evaluation, "test")) ? Path.Combine(evaluation, "test")
                : Directory.GetDirectories(evaluation, "epoch-*").Order(StringComparer.Ordinal).LastOrDefault()
                  ?? throw new DirectoryNotFoundException($"{evaluation} has no epoch-NNN folder.");
            if (!Directory.Exists(epochFolder))
                throw new DirectoryNotFoundException(
                    $"{epochFolder} not found: that epoch was not evaluated (training.validateEveryEpoch scores every epoch).");
            var model = PerClassBreakdown.Score(Path.Combine(epochFolder, "model.csv"), data.FullName, groups);
            // Baselines ignore the model, so the run writes them once, beside its first evaluation.
            var centreFile =
                Directory.GetFiles(evaluation, "baseline_center.csv", SearchOption.AllDirectories).Order(StringComparer.Ordinal).FirstOrDefault();
            var centre = centreFile is null ? null : PerClassBreakdown.Score(centreFile, data.FullName, groups);

            var table = new Table().AddColumns("class", "frames", "IoU@0.5", "AUC", "pointing", "centre IoU@0.5", "centre AUC", "centre pointing");
            void Rows(IReadOnlyList<ClassScores> mine, IReadOnlyList<ClassScores>? prior, bool bold)
            {
                foreach (var scores in mine)
                {
                    var p = prior?.FirstOrDefault(c => c.Class == scores.Class);
                    string F(double v) => double.IsNaN(v) ? "–" : v.ToString("F3", CultureInfo.InvariantCulture);
                    var name = Markup.Escape(scores.Class);
                    table.AddRow(bold ? $"[bold]{name}[/]" : name, $"{scores.Frames}", F(scores.IoUAt05), F(scores.Auc), F(scores.Pointing),
                        p is null ? "–" : F(p.IoUAt05), p is null ? "–" : F(p.Auc), p is null ? "–" : F(p.Pointing));
                }
            }
            Rows(model.Classes, centre?.Classes, bold: false);
            Rows(model.Groups, centre?.Groups, bold: true);
            AnsiConsole.Write(table);
            Console.WriteLine($"{Path.GetFileName(epochFolder)} of {evaluation}{(centre is null ? " (no baseline_center.csv found)" : "")}");
            return 0;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
    }

    private static string EvaluationFolder(string run)
    {
        foreach (var candidate in new[] { Path.Combine(run, "stage-one", "evaluation"), Path.Combine(run, "evaluation") })
            if (Directory.Exists(candidate)
                && (Directory.Exists(Path.Combine(candidate, "test")) || Directory.GetDirectories(candidate, "epoch-*").Length > 0))
                return candidate;
        throw new DirectoryNotFoundException(
            $"{run}: no stage-one evaluation (expected stage-one/evaluation/test/model.csv or epoch-NNN/model.csv).");
    }

    private static Dictionary<string, IReadOnlyList<string>> ParseGroups(string[] specs)
    {
        var groups = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var spec in specs)
        {
            var parts = spec.Split('=', 2);
            var members = parts.Length == 2 ? parts[1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];
            if (parts[0].Trim().Length == 0 || members.Length == 0 || !groups.TryAdd(parts[0].Trim(), members))
                throw new ArgumentException($"--group: expected a new NAME=class1,class2,…, got '{spec}'.");
        }
        return groups;
    }
}
