using System.CommandLine;
using System.Globalization;
using Csol.Learning.Data.Audio;
using Csol.Learning.Data.Loading;
using Spectre.Console;

namespace Csol.Silo.Cli;

/// <summary><c>csol bench …</c>: measurements printed as figures (never asserted in tests).</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var bench = new Command("bench", "Measure speed: data loading, feature extraction.");
        bench.Subcommands.Add(Data());
        return bench;
    }

    private static Command Data()
    {
        var workers = new Option<int[]>("--workers") { Description = "Loader worker counts to measure (default 1 2).", DefaultValueFactory = _ => [1, 2], AllowMultipleArgumentsPerToken = true };
        var batches = new Option<int>("--batches") { Description = "Batches of 32 pairs per measurement (default 6).", DefaultValueFactory = _ => 6 };
        var seconds = new Option<int>("--audio-seconds") { Description = "Audio seconds for the log-mel rate (default 300).", DefaultValueFactory = _ => 300 };
        var command = new Command("data", "Loader samples/s (batches of 32: 3×224×224 frames with train augmentation + 1×201×64 log-mel) and log-mel extraction rate.")
        {
            workers, batches, seconds,
        };
        command.SetAction(parse =>
        {
            var table = new Table().AddColumns("measurement", "figure");
            foreach (var n in parse.GetValue(workers)!)
            {
                var result = DataLoaderBenchmark.Measure(n, batchSize: 32, batches: parse.GetValue(batches));
                table.AddRow($"loader, {n} worker{(n == 1 ? "" : "s")}",
                    string.Create(CultureInfo.InvariantCulture, $"{result.SamplesPerSecond:F1} pairs/s ({result.Samples} pairs in {result.Seconds:F2} s)"));
            }
            var logMel = LogMelBenchmark.Measure(parse.GetValue(seconds));
            table.AddRow("log-mel extraction, 1 thread",
                string.Create(CultureInfo.InvariantCulture, $"{logMel.AudioSecondsPerSecond:F0} audio s/s ({logMel.AudioSeconds} s in {logMel.ElapsedSeconds:F2} s)"));
            AnsiConsole.Write(table);
            AnsiConsole.WriteLine($"{Environment.ProcessorCount} cores; a pair is two decoded frames (positive and negative) and one spectrogram.");
            return 0;
        });
        return command;
    }
}
