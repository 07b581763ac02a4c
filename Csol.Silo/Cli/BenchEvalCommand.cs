using Csol.Silo.Benchmarks;
using System.CommandLine;
using System.Globalization;
using Csol.Learning.Evaluation;
using Spectre.Console;

namespace Csol.Silo.Cli;

/// <summary><c>csol bench eval</c>: throughput of the multi-source evaluator (spec §4.3) on synthetic maps.</summary>
internal static class BenchEvalCommand
{
    public static Command Create()
    {
        var images = new Option<int>("--images") { Description = "Synthetic images to score (default 10000).", DefaultValueFactory = _ => 10_000 };
        var clusters =
            new Option<int>("--clusters") { Description = "K cluster maps per image (default 11, MUSIC's classes).", DefaultValueFactory = _ => 11 };
        var command =
            new Command("eval", "Images/s of the class-aware multi-source evaluator (CIoU, AUC, NSA) on synthetic 11×14×14 maps upsampled to 224².")
        {
            images, clusters,
        };
        command.SetAction(parse =>
        {
            var count = parse.GetValue(images);
            var k = parse.GetValue(clusters);
            if (count < 1 || k < 2)
            {
                AnsiConsole.MarkupLine("[red]--images must be ≥ 1 and --clusters ≥ 2.[/]");
                return 2;
            }
            var result = MultiSourceEvaluatorBenchmark.Measure(count, classes: Math.Min(11, k), clusters: k);
            var table = new Table().AddColumns("measurement", "figure");
            table.AddRow("images/s", result.ImagesPerSecond.ToString("F0", CultureInfo.InvariantCulture));
            table.AddRow("seconds in the evaluator", result.Seconds.ToString("F2", CultureInfo.InvariantCulture));
            table.AddRow("CIoU@0.3 / NSA of the random maps",
                string.Create(CultureInfo.InvariantCulture, $"{result.CIoUAt03:F3} / {result.NoSoundingArea:F3}"));
            AnsiConsole.Write(table);
            AnsiConsole.WriteLine($"{result.Images} synthetic images, {k} maps of 14×14 → 224², 2 sounding objects each, θ 0.5, one thread");
            return 0;
        });
        return command;
    }
}
