using System.Globalization;
using Csol.Learning;
using Csol.Learning.Training;
using Spectre.Console;

namespace Csol.Silo.Cli;

/// <summary><c>csol bench train --stage two</c>: the stage-two step's figures, as stage one's.</summary>
internal static class BenchTrainStageTwo
{
    public static int Run(int composites, int size, int steps, string device)
    {
        var result = StageTwoBenchmark.Measure(composites, size, steps, TorchDevice.Resolve(device));
        var table = new Table().AddColumns("measurement", "figure");
        table.AddRow("ms per step", result.MillisecondsPerStep.ToString("F0", CultureInfo.InvariantCulture));
        table.AddRow("composites/s (a composite = positive + mismatched negative)", (composites / (result.MillisecondsPerStep / 1000)).ToString("F2", CultureInfo.InvariantCulture));
        table.AddRow("samples/s", result.SamplesPerSecond.ToString("F2", CultureInfo.InvariantCulture));
        table.AddRow("peak resident memory", $"{result.PeakResidentBytes / (1024 * 1024)} MiB");
        AnsiConsole.Write(table);
        AnsiConsole.WriteLine($"stage two, batch {composites} composites, {size}², K = 11, {result.Steps} timed steps, {Environment.ProcessorCount} cores");
        return 0;
    }
}
