using System.Diagnostics;
using Csol.Abstractions;
using Csol.Abstractions.Services;
using Csol.Silo.ExperimentResults;
using Csol.Silo.Persistence.ResultRecords;

namespace Csol.Silo.Benchmarks;

/// <summary>Figures of <see cref="LeaderboardBenchmark"/>, in milliseconds.</summary>
/// <param name="FillMs">Writing the entries' rows (one transaction; not through the grain).</param>
/// <param name="FirstQueryMs">First query: activation, i.e. loading and sorting every row.</param>
/// <param name="QueryMedianMs">Median of the timed full-board queries through <see cref="ILeaderboardService"/>.</param>
/// <param name="TopQueryMedianMs">Median of the timed top-20 grain queries.</param>
/// <param name="SubmitMedianMs">Median of the timed submissions of new experiments (one row written each).</param>
public sealed record LeaderboardBenchmarkResult(
    LeaderboardKey Key, int Entries, double FillMs, double FirstQueryMs, double QueryMedianMs, double TopQueryMedianMs, double SubmitMedianMs,
        int Queries, int Submissions);

/// <summary>Fills a fresh leaderboard of a running silo with <c>entries</c> entries, then times its queries and
/// submissions. For <c>csol bench platform</c>: pass the services of a started host (its own data directory).</summary>
public static class LeaderboardBenchmark
{
    public static async Task<LeaderboardBenchmarkResult> RunAsync(IServiceProvider services, int entries, int queries = 20, int submissions = 20,
        int seed = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(entries, 1);
        var store = services.GetRequiredService<EfLeaderboardEntryStore>();
        var grains = services.GetRequiredService<IGrainFactory>();
        var leaderboards = services.GetRequiredService<ILeaderboardService>();
        // A new dataset id each run, so the grain is not active yet and the first query pays for loading the rows.
        var key = new LeaderboardKey("bench" + Guid.NewGuid().ToString("N")[..11], LeaderboardKey.SingleSource);
        var random = new Random(seed);
        var start = DateTimeOffset.UtcNow;

        var stopwatch = Stopwatch.StartNew();
        await store.InsertManyAsync(key, Enumerable.Range(0, entries).Select(i => Entry(random, $"bench-{i}", start.AddSeconds(i))));
        var fillMs = stopwatch.Elapsed.TotalMilliseconds;

        stopwatch.Restart();
        var board = await leaderboards.GetAsync(key) ?? throw new InvalidOperationException("The filled leaderboard came back empty.");
        var firstMs = stopwatch.Elapsed.TotalMilliseconds;
        if (board.Entries.Count != entries)
            throw new InvalidOperationException($"Expected {entries} entries, the board has {board.Entries.Count}.");

        var grain = grains.GetGrain<ILeaderboardGrain>(key.ToString());
        var full = await TimeAsync(queries, () => leaderboards.GetAsync(key));
        var top = await TimeAsync(queries, () => grain.GetAsync(20));
        var submit = await TimeAsync(submissions, () => grain.SubmitAsync(Entry(random, "bench-new", DateTimeOffset.UtcNow), "bench"));
        return new LeaderboardBenchmarkResult(key, entries, fillMs, firstMs, full, top, submit, queries, submissions);
    }

    private static LeaderboardEntry Entry(Random random, string name, DateTimeOffset at) => new(
        Guid.NewGuid(), name, Guid.NewGuid(),
        new Dictionary<string, double> { ["val_iou@0.5"] = random.NextDouble(), ["val_auc"] = random.NextDouble() },
        new Dictionary<string, double>(), at, null);

    private static async Task<double> TimeAsync<T>(int times, Func<Task<T>> action)
    {
        var samples = new double[times];
        for (var i = 0; i < times; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            await action();
            samples[i] = stopwatch.Elapsed.TotalMilliseconds;
        }
        Array.Sort(samples);
        return samples.Length == 0 ? 0 : samples[samples.Length / 2];
    }
}
