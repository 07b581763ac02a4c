using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Csol.Abstractions;
using Csol.Silo.Hosting;
using Spectre.Console;

namespace Csol.Silo.Cli;

/// <summary><c>csol bench dashboard</c>: first render of the experiments page with many experiments in a real data
/// folder (SQLite), measured as the time from <c>GET /</c> until the server-rendered table has arrived.</summary>
internal static class BenchDashboardCommand
{
    public static Command Create()
    {
        var count = new Option<int>("--experiments") { Description = "Experiments to store first (default 1000).", DefaultValueFactory = _ => 1000 };
        var repeats = new Option<int>("--repeats") { Description = "Warm requests after the first (default 10).", DefaultValueFactory = _ => 10 };
        var command =
            new Command("dashboard", "Time to first render of the experiments page (server-side HTML with the table) with N experiments stored.")
        {
            count, repeats,
        };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(count), parse.GetValue(repeats), ct));
        return command;
    }

    private static async Task<int> RunAsync(int experiments, int repeats, CancellationToken cancellationToken)
    {
        var data = Directory.CreateTempSubdirectory("csol-bench-dashboard-");
        try
        {
            var url = $"http://127.0.0.1:{LoopbackPort.Free()}";
            await using var app = CsolHost.Build([], new Dictionary<string, string?>
            {
                ["Urls"] = url,
                ["Csol:DataDirectory"] = data.FullName,
                ["Csol:Orleans:SiloPort"] = LoopbackPort.Free().ToString(CultureInfo.InvariantCulture),
                ["Csol:Orleans:GatewayPort"] = LoopbackPort.Free().ToString(CultureInfo.InvariantCulture),
                ["Logging:LogLevel:Default"] = "Warning",
            });
            await app.StartAsync(cancellationToken);

            using var http = new HttpClient { BaseAddress = new Uri(url) };
            // The very first request pays for JIT and start-up of Blazor, MudBlazor and EF Core whatever the data;
            // measured apart on the empty page so the next figure is what 1,000 experiments cost.
            var startup = Stopwatch.StartNew();
            await http.GetStringAsync("/", cancellationToken);
            startup.Stop();

            var fill = Stopwatch.StartNew();
            var records = app.Services.GetRequiredService<IExperimentRecords>();
            foreach (var snapshot in Snapshots(experiments))
                await records.UpsertAsync(snapshot, cancellationToken);
            fill.Stop();

            var (first, rows) = await RenderAsync(http, cancellationToken);
            var warm = new List<double>();
            for (var i = 0; i < repeats; i++)
                warm.Add((await RenderAsync(http, cancellationToken)).Milliseconds);
            warm.Sort();
            await app.StopAsync(cancellationToken);

            var table = new Table().AddColumns("measurement", "figure");
            table.AddRow("experiments stored (SQLite)",
                string.Create(CultureInfo.InvariantCulture, $"{experiments:N0} in {fill.Elapsed.TotalSeconds:F1} s"));
            table.AddRow("first request after start (empty table: JIT and start-up)",
                string.Create(CultureInfo.InvariantCulture, $"{startup.Elapsed.TotalMilliseconds:F0} ms"));
            table.AddRow($"first render of / with {experiments:N0} experiments", string.Create(CultureInfo.InvariantCulture, $"{first:F0} ms"));
            if (warm.Count > 0)
                table.AddRow($"render of / (median of {warm.Count} more)",
                    string.Create(CultureInfo.InvariantCulture, $"{warm[warm.Count / 2]:F0} ms (max {warm[^1]:F0} ms)"));
            table.AddRow("table rows in the first page", rows.ToString(CultureInfo.InvariantCulture));
            AnsiConsole.Write(table);
            AnsiConsole.WriteLine(
                $"{Environment.ProcessorCount} cores; time from sending GET / until the whole server-rendered page (with the table) is read.");
            return rows > 0 ? 0 : 1;
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    private static async Task<(double Milliseconds, int Rows)> RenderAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var html = await http.GetStringAsync("/", cancellationToken);
        watch.Stop();
        if (!html.Contains("data-testid=\"experiments-table\"", StringComparison.Ordinal))
            throw new InvalidOperationException("GET / returned no experiments table");
        var rows =
            (html.Length
                - html.Replace("data-testid=\"experiment-row\"", "", StringComparison.Ordinal).Length) / "data-testid=\"experiment-row\"".Length;
        return (watch.Elapsed.TotalMilliseconds, rows);
    }

    /// <summary>Finished runs as a team accumulates them: sweeps of ten, stage-one and pipeline metrics, a few failures.</summary>
    private static IEnumerable<ExperimentSnapshot> Snapshots(int count)
    {
        var random = new Random(1);
        var start = DateTimeOffset.UtcNow.AddDays(-30);
        for (var i = 0; i < count; i++)
        {
            var created = start.AddMinutes(i * 40);
            var pipeline = i % 3 == 0;
            var status = i % 25 == 0 ? ExperimentStatus.Failed : ExperimentStatus.Completed;
            var metrics = status == ExperimentStatus.Failed ? new Dictionary<string, double>()
                : pipeline
                    ? new Dictionary<string, double>
                    {
                        ["val_ciou@0.3"] = random.NextDouble(), ["val_auc"] = random.NextDouble(),
                        ["val_nsa"] = random.NextDouble()
                    }
                    : new Dictionary<string, double>
                    {
                        ["val_iou@0.5"] = random.NextDouble(), ["val_auc"] = random.NextDouble(),
                        ["val_loss"] = random.NextDouble()
                    };
            yield return new ExperimentSnapshot
            {
                Id = Guid.NewGuid(), Name = $"{(pipeline ? "pipeline" : "stage-one")}-{i:0000}", Status = status,
                ConfigJson = "{}", ConfigSource = "bench", CreatedAt = created, StartedAt = created.AddMinutes(1),
                FinishedAt = created.AddMinutes(30),
                Attempts = 1, FinalMetrics = metrics, Group = i % 10 < 5 ? $"sweep-{i / 10:000}" : null, Priority = i % 7,
                DatasetId = pipeline ? "clipart0123456789" : null, Device = "local/cpu0",
            };
        }
    }

}
