using System.Diagnostics;
using Csol.Learning.Experiments;
using Csol.Learning.Models;
using TorchSharp;
using static TorchSharp.torch;
using Csol.Learning.Training;

namespace Csol.Silo.Benchmarks;

/// <summary>Times stage-two training steps (spec §2.4: <c>L = L_c + λ·L_loc</c> over B composites, each with a
/// mismatched negative) on random inputs: no data loading, a random object dictionary and random frozen audio logits.</summary>
/// <remarks>The step is the one <see cref="StageTwoTrainer"/> takes: one audio embedding per composite serves its
/// positive and its negative image, so a batch of B composites runs 2B images through the visual network.</remarks>
public static class StageTwoBenchmark
{
    /// <param name="batchComposites">Composites per batch (32 in the reference).</param>
    /// <param name="imageSize">Composite side (224 in the reference).</param>
    /// <param name="steps">Timed steps, after one untimed warm-up step.</param>
    /// <param name="clusters">K, the dictionary's atoms (11 for MUSIC in the reference).</param>
    public static BenchmarkResult Measure(int batchComposites, int imageSize, int steps, Device device,
        StageOneModelConfig? model = null, int clusters = 11, int audioFrames = 201, int melBands = 64, double locWeight = 0.5)
    {
        torch.manual_seed(0);
        var config = model ?? new StageOneModelConfig();
        var stageOne = new StageOneLocalizationNet(config, clusters);
        using var atoms = torch.randn([clusters, stageOne.Visual.OutChannels]);
        using var net = new StageTwoLocalizationNet(stageOne, atoms);
        net.to(device);
        net.train();
        using var optimizer = new AdamOptimizer(net.TrainableParameters(), 1e-4, 0.9, 0.999, 1e-4);
        using var images = torch.randn([2 * batchComposites, 3, imageSize, imageSize], device: device);
        using var audio = torch.randn([batchComposites, 1, audioFrames, melBands], device: device);
        using var audioLogits = torch.randn([batchComposites, clusters], device: device);

        Step(net, optimizer, images, audio, audioLogits, batchComposites, locWeight); // warm-up: allocator and kernels
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < steps; i++)
            Step(net, optimizer, images, audio, audioLogits, batchComposites, locWeight);
        var perStep = stopwatch.Elapsed.TotalMilliseconds / Math.Max(1, steps);
        return new BenchmarkResult(perStep, 2 * batchComposites / (perStep / 1000), StageOneBenchmark.PeakResidentBytes(), steps);
    }

    private static void Step(StageTwoLocalizationNet net, AdamOptimizer optimizer, Tensor images, Tensor audio, Tensor audioLogits,
        int count, double locWeight)
    {
        using var scope = NewDisposeScope();
        optimizer.ZeroGrad();
        var embedding = net.StageOne.EmbedAudio(audio);
        var output = net.Forward(images, cat([embedding, embedding], 0));
        var positives = TensorIndex.Slice(0, count);
        var consistency = CategoryConsistencyLoss.Compute(ClassAwareObjectMaps.VisualLogits(output.Suppressed[positives]), audioLogits);
        var localization = CocktailPartyLocalizationLoss.Compute(output.Logits[positives], output.Logits[TensorIndex.Slice(count, null)]);
        (consistency + locWeight * localization).backward();
        optimizer.Step();
    }
}
