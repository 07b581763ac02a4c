using System.Diagnostics;
using Csol.Learning.Experiments;
using Csol.Learning.Models;
using TorchSharp;
using Csol.Learning.Training;

namespace Csol.Silo.Benchmarks;

/// <summary>Speed and memory of one localization training step at a given size.</summary>
/// <param name="PeakResidentBytes">Process peak RSS (<c>VmHWM</c> from /proc/self/status; on other systems the peak working
/// set .NET reports). It includes libtorch's native memory, which the GC's numbers do not.</param>
public sealed record BenchmarkResult(double MillisecondsPerStep, double SamplesPerSecond, long PeakResidentBytes, int Steps);

/// <summary>Times localization steps of the stage-one network on random inputs (no data loading).</summary>
public static class StageOneBenchmark
{
    /// <param name="batchPairs">Matched pairs per batch (each gives 2 frames); the paper uses 32.</param>
    /// <param name="imageSize">Frame side; 224 in the paper.</param>
    /// <param name="steps">Timed steps, after one untimed warm-up step.</param>
    /// <param name="freezeVisual">Time a step with the visual trunk frozen (<c>training.freezeVisualEpochs</c>).</param>
    /// <param name="cachedFeatures">Time a step on <c>v_fea</c> computed once by the frozen trunk and kept in fp16
    /// (<c>training.cacheVisualFeatures</c>): the step converts them to fp32 and runs projections, audio network and loss.</param>
    public static BenchmarkResult Measure(int batchPairs, int imageSize, int steps, torch.Device device,
        StageOneModelConfig? model = null, int audioFrames = 201, int melBands = 64, bool freezeVisual = false, bool cachedFeatures = false)
    {
        freezeVisual |= cachedFeatures;
        torch.manual_seed(0);
        using var net = new StageOneLocalizationNet(model ?? new StageOneModelConfig()) { VisualFrozen = freezeVisual };
        net.to(device);
        net.train();
        using var optimizer = new AdamOptimizer(net.LocalizationParameters(), 1e-4, weightDecay: 1e-4);
        using var images = torch.randn([2 * batchPairs, 3, imageSize, imageSize], device: device);
        using var audio = torch.randn([batchPairs, 1, audioFrames, melBands], device: device);
        using var labels = torch.tensor(Enumerable.Range(0, 2 * batchPairs).Select(i => i % 2 == 0 ? 1f : 0f).ToArray(), device: device);

        using var cache = cachedFeatures ? CachedFeatures(net, images) : null;
        Step(net, optimizer, images, audio, labels, cache); // warm-up: allocator and kernels
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < steps; i++)
            Step(net, optimizer, images, audio, labels, cache);
        var perStep = stopwatch.Elapsed.TotalMilliseconds / Math.Max(1, steps);
        return new BenchmarkResult(perStep, 2 * batchPairs / (perStep / 1000), PeakResidentBytes(), steps);
    }

    /// <summary>The frozen trunk's features of the frames, in fp16 as the cache keeps them.</summary>
    private static torch.Tensor CachedFeatures(StageOneLocalizationNet net, torch.Tensor images)
    {
        using var scope = torch.NewDisposeScope();
        return net.VisualFeatures(images).to(torch.ScalarType.Float16).MoveToOuterDisposeScope();
    }

    private static void Step(StageOneLocalizationNet net, AdamOptimizer optimizer, torch.Tensor images, torch.Tensor audio, torch.Tensor labels,
        torch.Tensor? cache)
    {
        using var scope = torch.NewDisposeScope();
        optimizer.ZeroGrad();
        var audioEmbedding = net.EmbedAudio(audio).repeat_interleave(2, dim: 0);
        var logits = cache is null ? net.Localize(images, audioEmbedding) : net.LocalizeFeatures(cache.to(torch.ScalarType.Float32), audioEmbedding);
        AudioVisualCorrespondenceLoss.Compute(logits, labels).backward();
        optimizer.Step();
    }

    /// <summary>Peak RSS of this process so far (see <see cref="BenchmarkResult.PeakResidentBytes"/>).</summary>
    internal static long PeakResidentBytes()
    {
        const string status = "/proc/self/status";
        if (File.Exists(status))
            foreach (var line in File.ReadLines(status))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        return Process.GetCurrentProcess().PeakWorkingSet64;
    }
}
