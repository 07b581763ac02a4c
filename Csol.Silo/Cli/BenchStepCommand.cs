using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Csol.Silo.Jobs;
using Spectre.Console;

namespace Csol.Silo.Cli;

/// <summary><c>csol bench step</c>: what running a step in its own process costs: from starting <c>csol step</c> to its
/// first message on the channel, and to its exit after a one-step probe, measured as the host's supervisor sees them.</summary>
internal static class BenchStepCommand
{
    private const string Probe = """{ "name": "bench-step", "kind": "probe", "probe": { "steps": 1, "stepMilliseconds": 0 } }""";

    public static Command Create()
    {
        var count =
            new Option<int>("--count") { Description = "Child processes started one after another (default 20).", DefaultValueFactory = _ => 20 };
        var command =
            new Command("step",
                "Per-step process overhead: csol step start → ready on the channel, and → exit after a one-step probe (p50/p95).") { count };
        command.SetAction(async (parse, ct) =>
        {
            var n = parse.GetValue(count);
            if (n < 1)
            {
                AnsiConsole.MarkupLine("[red]--count must be ≥ 1.[/]");
                return 2;
            }
            var ready = new List<double>();
            var done = new List<double>();
            for (var i = 0; i < n; i++)
            {
                var (toReady, toExit) = await MeasureOneAsync(ct);
                ready.Add(toReady);
                done.Add(toExit);
            }
            var table = new Table().AddColumns("measurement", "p50 ms", "p95 ms");
            table.AddRow("start → ready (connected, hello sent)", Percentile(ready, 0.5), Percentile(ready, 0.95));
            table.AddRow("start → exited (one-step probe done)", Percentile(done, 0.5), Percentile(done, 0.95));
            AnsiConsole.Write(table);
            AnsiConsole.WriteLine($"{n} children, one at a time, {Environment.ProcessorCount} cores");
            return 0;
        });
        return command;
    }

    private static async Task<(double Ready, double Exited)> MeasureOneAsync(CancellationToken ct)
    {
        var folder = Directory.CreateTempSubdirectory("csol-bench-step-");
        try
        {
            var channel = Path.Combine(folder.FullName, "channel");
            using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            listener.Bind(new UnixDomainSocketEndPoint(channel));
            listener.Listen(1);
            var clock = Stopwatch.StartNew();
            using var child = StepProcess.Start(new StepChildArguments(Guid.NewGuid(), 0, 1, folder.FullName, "cpu", 1, channel));
            _ = child.Process.StandardOutput.ReadToEndAsync(ct);
            _ = child.Process.StandardError.ReadToEndAsync(ct);
            using var connection = await listener.AcceptAsync(ct);
            await using var stream = new NetworkStream(connection);
            using var reader = new StreamReader(stream, new UTF8Encoding(false));
            await using var writer = new StreamWriter(stream, new UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" };
            await reader.ReadLineAsync(ct); // hello
            var ready = clock.Elapsed.TotalMilliseconds;
            await writer.WriteLineAsync(new StepMessage { Type = StepMessage.Start, Config = Probe }.ToLine());
            while (await reader.ReadLineAsync(ct) is { } line && StepMessage.Parse(line).Type != StepMessage.Result)
            {
            }
            await child.Process.WaitForExitAsync(ct);
            return (ready, clock.Elapsed.TotalMilliseconds);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static string Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)].ToString("F0", CultureInfo.InvariantCulture);
    }
}
