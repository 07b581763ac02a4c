using System.Globalization;
using Spectre.Console;

namespace Csol.Silo.Benchmarks;

/// <summary>Prints <see cref="PlatformFigures"/>: the headline figures, then where the queue→start time goes.</summary>
internal static class PlatformReport
{
    public static void Print(PlatformFigures figures, int pointsPerBatch, bool cluster)
    {
        var table = new Table().AddColumns("measurement", "figure");
        var latencies = figures.QueueToStartMilliseconds;
        table.AddRow("queue → start, free device (p50 / p95)",
            Invariant($"{Percentile(latencies, 0.5):F0} ms / {Percentile(latencies, 0.95):F0} ms ({latencies.Length} probes)"));
        table.AddRow("metric ingestion through the experiment grain",
            Invariant($"{figures.PointsPerSecond:F0} points/s ({figures.Points} points in batches of {pointsPerBatch})"));
        var board = figures.Leaderboard;
        table.AddRow($"leaderboard with {board.Entries:N0} experiments: first query (loads and sorts the rows)",
            Invariant($"{board.FirstQueryMs:F0} ms"));
        table.AddRow("  then, in the silo: whole board / top 20 / one submission (medians)",
            Invariant($"{board.QueryMedianMs * 1000:F0} µs / {board.TopQueryMedianMs * 1000:F0} µs / {board.SubmitMedianMs:F1} ms"));
        table.AddRow("  over HTTP (GET /api/leaderboards/…): top 20 / whole board as JSON (medians of 11)",
            Invariant($"{figures.HttpTop20MedianMs:F1} ms / {figures.HttpFullMedianMs:F0} ms"));
        AnsiConsole.Write(table);
        AnsiConsole.Write(Stages(figures));
        AnsiConsole.WriteLine($"{Environment.ProcessorCount} cores; " + (cluster
            ? "PostgreSQL (records, grain state, Hangfire) and Redis membership as configured"
            : "SQLite in a temporary folder") + "; one CPU slot.");
        AnsiConsole.WriteLine("\"start\": the device's worker has fetched the job, claimed the scheduler's ticket and marked the attempt " +
            "Running (the experiment's StartedAt); its child process is spawned right after.");
    }

    /// <summary>Median time from the queue call to each mark, and the median of each segment on its own.</summary>
    private static Table Stages(PlatformFigures figures)
    {
        var table = new Table().AddColumns("queue → start, step by step", "since queued (p50)", "segment (p50)");
        for (var i = 0; i < StartTimelineRecorder.Segments.Length; i++)
        {
            var since = figures.Stages.Select(s => s[i]).OfType<double>().ToArray();
            var segment = figures.Stages.Where(s => s[i] is not null && (i == 0 || s[i - 1] is not null))
                .Select(s => s[i]!.Value - (i == 0 ? 0 : s[i - 1]!.Value)).ToArray();
            table.AddRow(StartTimelineRecorder.Segments[i].Segment,
                since.Length == 0 ? "-" : Invariant($"{Percentile(since, 0.5):F1} ms"),
                segment.Length == 0 ? "-" : Invariant($"{Percentile(segment, 0.5):F1} ms"));
        }
        return table;
    }

    private static double Percentile(double[] values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, Math.Max(0, (int)Math.Ceiling(p * sorted.Length) - 1))];
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
