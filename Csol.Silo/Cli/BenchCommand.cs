using Csol.Silo.Benchmarks;
using System.CommandLine;
using System.Globalization;
using Csol.Learning.Data.Audio;
using Csol.Learning;
using Csol.Learning.Data.Loading;
using Csol.Learning.Training;
using Spectre.Console;

namespace Csol.Silo.Cli;

/// <summary><c>csol bench …</c>: measurements printed as figures (never asserted in tests).</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var bench = new Command("bench", "Measure speed: data loading, training steps, evaluation, the dashboard, the platform, step processes.");
        bench.Subcommands.Add(Data());
        bench.Subcommands.Add(Train());
        bench.Subcommands.Add(BenchDashboardCommand.Create());
        bench.Subcommands.Add(BenchEvalCommand.Create());
        bench.Subcommands.Add(Platform());
        bench.Subcommands.Add(BenchStepCommand.Create());
        RequirePositiveCounts(bench);
        return bench;
    }

    /// <summary>Every number a bench verb takes is a count or a size: 0 or less is refused when parsing, naming the option,
    /// instead of failing inside the measurement.</summary>
    private static void RequirePositiveCounts(Command bench)
    {
        foreach (var option in bench.Subcommands.SelectMany(c => c.Options).Where(o => o is Option<int> or Option<int[]>))
            option.Validators.Add(CliValues.AtLeast(1));
    }

    private static Command Platform()
    {
        var experiments =
            new Option<int>(
                "--experiments")
            { Description = "Probes queued one after another for the latency (default 50).", DefaultValueFactory = _ => 50 };
        var batches =
            new Option<int>(
                "--batches")
            { Description = "Metric batches sent for the ingestion rate (default 500).", DefaultValueFactory = _ => 500 };
        var points = new Option<int>("--points") { Description = "Points per batch (default 100).", DefaultValueFactory = _ => 100 };
        var entries =
            new Option<int>(
                "--leaderboard-entries")
            { Description = "Experiments on the timed leaderboard (default 10000).", DefaultValueFactory = _ => 10_000 };
        var command =
            new Command("platform",
                "Queue→start latency with a free device (p50/p95) and metric ingestion (points/s), on a real host in a temporary folder.")
        {
            experiments, batches, points, entries,
        };
        // Further --Section:Key=value pairs configure the measured host: cluster mode is
        // --Csol:Database:Provider=postgres --ConnectionStrings:Platform=… --Csol:Orleans:Clustering=redis --ConnectionStrings:Redis=…
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, ct) =>
        {
            var settings = parse.UnmatchedTokens.ToArray();
            var figures =
                await PlatformBenchmark.MeasureAsync(parse.GetValue(experiments), parse.GetValue(batches), parse.GetValue(points),
                    parse.GetValue(entries), ct, settings);
            var cluster = settings.Any(a => a.Contains("Provider=postgres", StringComparison.Ordinal));
            PlatformReport.Print(figures, parse.GetValue(points), cluster);
            return 0;
        });
        return command;
    }

    private static Command Train()
    {
        var stage = new Option<string>("--stage") { Description = "Which stage's training step (one or two).", DefaultValueFactory = _ => "one" };
        stage.AcceptOnlyFromAmong("one", "two");
        var batch = new Option<int>("--batch") { Description = "Matched pairs per batch (default 32, as the paper).", DefaultValueFactory = _ => 32 };
        var size = new Option<int>("--size") { Description = "Frame side in pixels (default 224).", DefaultValueFactory = _ => 224 };
        var steps = new Option<int>("--steps") { Description = "Timed steps after one warm-up step (default 3).", DefaultValueFactory = _ => 3 };
        var device = new Option<string>("--device") { Description = "auto, cpu, cuda or cuda:N (default auto).", DefaultValueFactory = _ => "auto" };
        var freeze = new Option<bool>("--freeze-visual") { Description = "Stage one: the visual trunk frozen (training.freezeVisualEpochs)." };
        var cached = new Option<bool>("--cached-features")
        {
            Description = "Stage one: steps on trunk features computed once (training.cacheVisualFeatures; implies --freeze-visual).",
        };
        var imagenet = new Option<bool>("--imagenet-layout")
        {
            Description = "Stage one: the ImageNet backbone's layout (three layer4 blocks, input adaptor); random weights.",
        };
        var command =
            new Command("train",
                "ms per step, pairs/s and peak memory of a training step of the full-size model (ResNet-18 width 64, 201×64 log-mel).")
        {
            stage, batch, size, steps, device, freeze, cached, imagenet,
        };
        command.SetAction(parse =>
        {
            var pairs = parse.GetValue(batch);
            var side = parse.GetValue(size);
            var torchDevice = TorchDevice.Resolve(parse.GetValue(device)!);
            return parse.GetValue(stage) == "two"
                ? TrainingBenchmarkTable.Print(StageTwoBenchmark.Measure(pairs, side, parse.GetValue(steps), torchDevice), pairs,
                    "composites/s (a composite = positive + mismatched negative)", $"stage two, batch {pairs} composites, {side}², K = 11")
                : TrainingBenchmarkTable.Print(StageOneBenchmark.Measure(pairs, side, parse.GetValue(steps), torchDevice,
                        parse.GetValue(imagenet) ? new Csol.Learning.Experiments.StageOneModelConfig { VisualInit = "imagenet" } : null,
                        freezeVisual: parse.GetValue(freeze), cachedFeatures: parse.GetValue(cached)), pairs,
                    "pairs/s (a pair = positive + negative sample)",
                    $"stage one, batch {pairs} pairs, {side}²" + StageOneLabel(parse, freeze, cached));
        });
        return command;
    }

    private static string StageOneLabel(ParseResult parse, Option<bool> freeze, Option<bool> cached)
        => parse.GetValue(cached) ? ", cached trunk features" : parse.GetValue(freeze) ? ", visual trunk frozen" : "";

    private static Command Data()
    {
        var workers =
            new Option<int[]>(
                "--workers")
            {
                Description = "Loader worker counts to measure (default 1 2).", DefaultValueFactory = _ => [1, 2],
                AllowMultipleArgumentsPerToken = true
            };
        var batches = new Option<int>("--batches") { Description = "Batches of 32 pairs per measurement (default 6).", DefaultValueFactory = _ => 6 };
        var seconds =
            new Option<int>("--audio-seconds") { Description = "Audio seconds for the log-mel rate (default 300).", DefaultValueFactory = _ => 300 };
        var command =
            new Command("data",
                "Loader samples/s (batches of 32: 3×224×224 frames with train augmentation + 1×201×64 log-mel) and log-mel extraction rate.")
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
                    string.Create(CultureInfo.InvariantCulture,
                        $"{result.SamplesPerSecond:F1} pairs/s ({result.Samples} pairs in {result.Seconds:F2} s)"));
            }
            var logMel = LogMelBenchmark.Measure(parse.GetValue(seconds));
            table.AddRow("log-mel extraction, 1 thread",
                string.Create(CultureInfo.InvariantCulture,
                    $"{logMel.AudioSecondsPerSecond:F0} audio s/s ({logMel.AudioSeconds} s in {logMel.ElapsedSeconds:F2} s)"));
            AnsiConsole.Write(table);
            AnsiConsole.WriteLine($"{Environment.ProcessorCount} cores; a pair is two decoded frames (positive and negative) and one spectrogram.");
            return 0;
        });
        return command;
    }
}
