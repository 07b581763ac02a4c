using System.Diagnostics;
using Csol.Abstractions;
using Csol.Abstractions.Services;
using Csol.Silo.ExperimentResults;
using Csol.Silo.Cli;
using Csol.Silo.Hosting;
using Csol.Silo.Security;
using Csol.Dashboard.Security;

namespace Csol.Silo.Benchmarks;

/// <summary>Figures of the platform itself, measured on a real host (silo, Hangfire, SQLite) in a temporary data folder.</summary>
/// <param name="QueueToStartMilliseconds">Per probe: from the queue call to the attempt's start on the device's worker
/// (the grain's <c>StartedAt</c>, set when the job has claimed its ticket, just before the child is spawned).</param>
/// <param name="Stages">Per probe, milliseconds from the queue call to each <see cref="StartTimelineRecorder.Segments"/>
/// mark.</param>
internal sealed record PlatformFigures(double[] QueueToStartMilliseconds, double?[][] Stages, double PointsPerSecond, int Points,
    LeaderboardBenchmarkResult Leaderboard, double HttpTop20MedianMs, double HttpFullMedianMs);

internal static class PlatformBenchmark
{
    /// <param name="settings">Configuration for the measured host (<c>--Key=value</c>), e.g. cluster mode's providers.</param>
    public static async Task<PlatformFigures> MeasureAsync(int experiments, int batches, int pointsPerBatch, int leaderboardEntries,
        CancellationToken ct,
        string[]? settings = null)
    {
        var data = Path.Combine(Path.GetTempPath(), $"csol-bench-{Guid.NewGuid():N}");
        var url = $"http://127.0.0.1:{LoopbackPort.Free()}";
        var app = CsolHost.Build(settings ?? [], new Dictionary<string, string?>
        {
            ["Urls"] = url,
            ["Csol:DataDirectory"] = data,
            ["Csol:Orleans:SiloPort"] = LoopbackPort.Free().ToString(),
            ["Csol:Orleans:GatewayPort"] = LoopbackPort.Free().ToString(),
            ["Csol:Orleans:AdvertisedAddress"] = "127.0.0.1",
            ["Csol:Orleans:ClusterId"] = $"bench-{Guid.NewGuid():N}",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        await ServerPreflight.CheckAsync(app.Configuration, ct);
        using var timeline = new StartTimelineRecorder();
        await app.StartAsync(ct);
        try
        {
            var service = app.Services.GetRequiredService<IExperimentService>();
            var grains = app.Services.GetRequiredService<IGrainFactory>();
            var latencies = new List<double>();
            var stages = new List<double?[]>();
            for (var i = 0; i < experiments; i++)
            {
                // The device is free: the previous probe has finished before the next is queued.
                var queuedAt = DateTimeOffset.UtcNow;
                var id = (await service.QueueAsync(Probe(steps: 1, stepMilliseconds: 0), "bench.json", cancellationToken: ct)).ExperimentId!.Value;
                var done = await WaitAsync(service, id, s => s.Status.IsFinished(), ct);
                latencies.Add((done.StartedAt!.Value - queuedAt).TotalMilliseconds);
                stages.Add(timeline.Since(id, queuedAt));
            }

            // Ingestion through the grain (metric table, state, watchers), as a running job reports.
            var holder =
                (await service.QueueAsync(Probe(steps: 100_000, stepMilliseconds: 1000), "bench-ingest.json", cancellationToken: ct))
                .ExperimentId!.Value;
            // Timed once its child has started and reported (a starting .NET process would take the cores from the timing).
            await WaitAsync(service, holder, s => s.Status == ExperimentStatus.Running && s.LastStep >= 1, ct);
            var grain = grains.GetGrain<IExperimentGrain>(holder);
            var names = new[] { "loss", "accuracy", "val_iou@0.5", "val_auc" };
            var step = 1_000;
            var clock = Stopwatch.StartNew();
            for (var b = 0; b < batches; b++)
            {
                var batch = new List<MetricPoint>(pointsPerBatch);
                while (batch.Count < pointsPerBatch)
                {
                    step++;
                    batch.AddRange(
                        names.Take(pointsPerBatch - batch.Count).Select(n => new MetricPoint(step, 0, n, 1.0 / step, clock.Elapsed.TotalSeconds)));
                }
                await grain.ReportAsync(batch, 1_000_000);
            }
            var seconds = clock.Elapsed.TotalSeconds;
            await service.CancelAsync(holder);

            // Leaderboard with N entries: in the silo, then as a user reads it over HTTP (JSON of the whole board).
            var board = await LeaderboardBenchmark.RunAsync(app.Services, leaderboardEntries);
            using var http = new HttpClient { BaseAddress = new Uri(url) };
            http.DefaultRequestHeaders.Authorization = new("Bearer", await BenchTokenAsync(app.Services));
            var path = $"/api/leaderboards/{Uri.EscapeDataString(board.Key.DatasetId)}/{Uri.EscapeDataString(board.Key.Task)}";
            var top20 = await MedianHttpAsync(http, path + "?top=20", ct);
            var full = await MedianHttpAsync(http, path, ct);
            return new PlatformFigures([.. latencies], [.. stages], batches * pointsPerBatch / seconds, batches * pointsPerBatch, board, top20, full);
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
            try { Directory.Delete(data, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>A read token of a user created for the run (the API answers only signed-in callers).</summary>
    private static async Task<string> BenchTokenAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<UserAdmin>().CreateAsync("bench", CsolRoles.Viewer, password: null);
        var token = await scope.ServiceProvider.GetRequiredService<ApiTokenService>().CreateAsync("bench", "bench", ApiTokenScopes.Read, "1d");
        return token.Secret;
    }

    private static async Task<double> MedianHttpAsync(HttpClient http, string path, CancellationToken ct)
    {
        var times = new List<double>();
        for (var i = 0; i < 11; i++)
        {
            var clock = Stopwatch.StartNew();
            using var response = await http.GetAsync(path, ct);
            response.EnsureSuccessStatusCode();
            await response.Content.ReadAsByteArrayAsync(ct);
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        return times.Order().ElementAt(times.Count / 2);
    }

    private static string Probe(int steps, int stepMilliseconds) =>
        $$"""{ "name": "bench", "kind": "probe", "probe": { "steps": {{steps}}, "stepMilliseconds": {{stepMilliseconds}} } }""";

    private static async Task<ExperimentSnapshot> WaitAsync(IExperimentService service, Guid id, Func<ExperimentSnapshot, bool> done,
        CancellationToken ct)
    {
        while (true)
        {
            var snapshot = await service.GetAsync(id) ?? throw new InvalidOperationException($"experiment {id} vanished");
            if (done(snapshot))
                return snapshot;
            await Task.Delay(5, ct);
        }
    }

}
