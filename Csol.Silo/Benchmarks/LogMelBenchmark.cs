using System.Diagnostics;
using Csol.Learning.Data.Audio;

namespace Csol.Silo.Benchmarks;

/// <summary>How fast <see cref="LogMelExtractor"/> runs on one thread.</summary>
public sealed record LogMelBenchmarkResult(int AudioSeconds, double ElapsedSeconds)
{
    /// <summary>Audio seconds turned into log-mel per wall-clock second.</summary>
    public double AudioSecondsPerSecond => AudioSeconds / ElapsedSeconds;
}

/// <summary>Measures the log-mel extraction rate, for <c>csol bench data</c>.</summary>
public static class LogMelBenchmark
{
    /// <summary>Extracts <paramref name="audioSeconds"/> seconds of a fixed tone-plus-noise signal (after a one-second
    /// warm-up so JIT time is not counted) and times it.</summary>
    public static LogMelBenchmarkResult Measure(int audioSeconds = 200)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(audioSeconds, 1);
        var extractor = new LogMelExtractor();
        var random = new Random(1);
        var second = new float[LogMelExtractor.SampleRate];
        for (var i = 0; i < second.Length; i++)
            second[i] = (float)(0.3 * Math.Sin(2 * Math.PI * 440 * i / LogMelExtractor.SampleRate) + 0.05 * (random.NextDouble() - 0.5));
        extractor.Compute(second);

        var watch = Stopwatch.StartNew();
        for (var s = 0; s < audioSeconds; s++)
            extractor.Compute(second);
        return new LogMelBenchmarkResult(audioSeconds, watch.Elapsed.TotalSeconds);
    }
}
