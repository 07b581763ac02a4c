using System.Diagnostics;
using Csol.Learning.Data;
using TorchSharp;
using static TorchSharp.torch;
using Csol.Learning.Evaluation;

namespace Csol.Silo.Benchmarks;

/// <summary>What <see cref="MultiSourceEvaluatorBenchmark"/> measured.</summary>
/// <param name="Seconds">Time spent inside <see cref="MultiSourceEvaluator.Add"/> (map generation excluded).</param>
public sealed record EvaluatorBenchmarkResult(int Images, double Seconds, double CIoUAt03, double NoSoundingArea)
{
    public double ImagesPerSecond => Images / Seconds;
}

/// <summary>Throughput of <see cref="MultiSourceEvaluator"/> on seeded synthetic cluster maps: softmax of random
/// logits (N,K,h,w) and two sounding objects per image with random boxes, in batches as stage two's evaluation feeds it.</summary>
public static class MultiSourceEvaluatorBenchmark
{
    /// <param name="images">Synthetic images scored (10,000 for <c>csol bench eval</c>).</param>
    /// <param name="clusters">K maps per image; the first <paramref name="classes"/> are matched one-to-one, the rest at random.</param>
    /// <param name="mapSide">Network map side (14 for 224² input at output stride 16).</param>
    /// <param name="imageSize">Side maps are upsampled to and boxes drawn at (224).</param>
    public static EvaluatorBenchmarkResult Measure(int images, int classes = 11, int clusters = 11, int mapSide = 14, int imageSize = 224,
        int batchSize = 32, double relativeThreshold = 0.5, int seed = 0)
    {
        torch.manual_seed(seed);
        var random = new Random(seed);
        var evaluator = new MultiSourceEvaluator(RandomClusterAssignment.Create(classes, clusters, seed), imageSize, relativeThreshold);
        var elapsed = TimeSpan.Zero;
        for (var start = 0; start < images; start += batchSize)
        {
            var count = Math.Min(batchSize, images - start);
            using var scope = NewDisposeScope();
            var probabilities = torch.nn.functional.softmax(3 * torch.randn([count, clusters, mapSide, mapSide]), 1);
            var sounding = Enumerable.Range(0, count).Select(_ => (IReadOnlyList<SoundingObject>)SoundingPair(random, classes)).ToArray();
            var stopwatch = Stopwatch.StartNew();
            evaluator.Add(probabilities, sounding);
            elapsed += stopwatch.Elapsed;
        }
        return new EvaluatorBenchmarkResult(images, elapsed.TotalSeconds, evaluator.CIoUAt03, evaluator.NoSoundingArea);
    }

    /// <summary>Two different classes, each in a random box covering 10–50 % of the side, as a 2×2 composite's sounding pair.</summary>
    private static SoundingObject[] SoundingPair(Random random, int classes)
    {
        var first = random.Next(classes);
        var second = (first + 1 + random.Next(classes - 1)) % classes;
        return [new SoundingObject(first, Box(random)), new SoundingObject(second, Box(random))];
    }

    private static NormalizedBox Box(Random random)
    {
        double w = 0.1 + 0.4 * random.NextDouble(), h = 0.1 + 0.4 * random.NextDouble();
        return new NormalizedBox(random.NextDouble() * (1 - w), random.NextDouble() * (1 - h), w, h);
    }
}
