using Csol.Silo.Benchmarks;
using System.Globalization;
using Csol.Learning.Training;
using Spectre.Console;

namespace Csol.Silo.Cli;

/// <summary>The figures of <c>csol bench train</c>, the same table for either stage so they compare at a glance.</summary>
internal static class TrainingBenchmarkTable
{
    /// <param name="unit">What one batch item is, e.g. "pairs/s (a pair = positive + negative sample)".</param>
    public static int Print(BenchmarkResult result, int batch, string unit, string footer)
    {
        var table = new Table().AddColumns("measurement", "figure");
        table.AddRow("ms per step", result.MillisecondsPerStep.ToString("F0", CultureInfo.InvariantCulture));
        table.AddRow(unit, (batch / (result.MillisecondsPerStep / 1000)).ToString("F2", CultureInfo.InvariantCulture));
        table.AddRow("samples/s", result.SamplesPerSecond.ToString("F2", CultureInfo.InvariantCulture));
        table.AddRow("peak resident memory", $"{result.PeakResidentBytes / (1024 * 1024)} MiB");
        AnsiConsole.Write(table);
        AnsiConsole.WriteLine($"{footer}, {result.Steps} timed steps, {Environment.ProcessorCount} cores");
        return 0;
    }
}
