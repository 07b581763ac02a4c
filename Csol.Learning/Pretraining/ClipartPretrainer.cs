using System.Diagnostics;
using System.Text.Json;
using Csol.Learning.Data.Loading;
using Csol.Learning.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Csol.Learning.Pretraining;

/// <summary>
/// Offline stand-in for ImageNet pretraining (#4): trains <see cref="PretrainClassifier"/> on clip-art categories
/// (<see cref="PretrainCategories"/>) and saves its backbone for <c>model.imagenetWeights</c>. Adam with a cosine
/// decay of the learning rate to 0, weight decay 1e-4 (stage one's). One seed fixes the initial weights and every
/// sample: sample <c>n</c> is drawn from <see cref="ItemSeeds"/><c>(seed, n)</c>, so rendering order does not matter.
/// </summary>
public sealed class ClipartPretrainer(ClipartPretrainOptions options)
{
    public const int HeldOutPerCategory = 8;
    private const double WeightDecay = 1e-4;

    public PretrainManifest Run(Action<PretrainProgress> onProgress, Action<string> onInfo, CancellationToken cancellationToken)
    {
        var errors = options.Validate();
        if (errors.Count > 0)
            throw new ArgumentException(string.Join(Environment.NewLine, errors));
        if (options.Threads > 0)
            torch.set_num_threads(options.Threads);

        var clock = Stopwatch.StartNew();
        var categories = PretrainCategories.Scan(options.ClipartRoot, options.PerCategory, options.Categories);
        using var drawings = PretrainDrawings.Load(categories, Math.Max(1, Environment.ProcessorCount), cancellationToken);
        var classes = drawings.Classes;
        if (classes.Count < 2)
            throw new InvalidDataException(
                $"{options.ClipartRoot}: only {classes.Count} usable categor(y/ies) with ≥ {PretrainCategories.MinDrawings} drawings; a classifier "
                + $"needs 2.");
        var loadSeconds = clock.Elapsed.TotalSeconds;
        onInfo($"{classes.Count} categories, {classes.Sum(c => c.Train.Count)} training + {classes.Sum(c => c.HeldOut.Count)} held-out drawings " +
               $"({drawings.Skipped.Count} skipped), loaded in {loadSeconds:F1} s");

        var renderer = new PretrainSampleRenderer(options.ImageSize);
        var (heldOutImages, heldOutLabels) = HeldOutSet(classes, renderer);

        torch.manual_seed(options.Seed);
        using var model = new PretrainClassifier(options.BaseWidth, classes.Count);
        using var optimizer = new AdamOptimizer(model.parameters(), options.LearningRate, weightDecay: WeightDecay);

        var trainClock = Stopwatch.StartNew();
        var renderMilliseconds = 0.0;
        var next = Task.Run(() => RenderBatch(classes, renderer, 0), cancellationToken);
        double windowLoss = 0, lastLoss = 0, trainAccuracy = 0, heldOutAccuracy = 0;
        int windowCorrect = 0, windowSteps = 0;
        for (var step = 1; step <= options.Steps; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (images, labels, milliseconds) = next.GetAwaiter().GetResult();
            renderMilliseconds += milliseconds;
            if (step < options.Steps)
                next = Task.Run(() => RenderBatch(classes, renderer, step), cancellationToken);

            optimizer.LearningRate = options.LearningRate * 0.5 * (1 + Math.Cos(Math.PI * (step - 1) / options.Steps));
            var (loss, correct) = TrainStep(model, optimizer, images, labels);
            (windowLoss, windowCorrect, windowSteps) = (windowLoss + loss, windowCorrect + correct, windowSteps + 1);

            var evaluate = step % options.EvalEvery == 0 || step == options.Steps;
            if (evaluate)
                heldOutAccuracy = Accuracy(model, heldOutImages, heldOutLabels);
            if (step % options.LogEvery == 0 || evaluate)
            {
                (lastLoss, trainAccuracy) = (windowLoss / windowSteps, (double)windowCorrect / (windowSteps * options.BatchSize));
                onProgress(
                    new PretrainProgress(step, options.Steps, lastLoss, trainAccuracy, evaluate ? heldOutAccuracy : null,
                        trainClock.Elapsed.TotalSeconds));
                (windowLoss, windowCorrect, windowSteps) = (0, 0, 0);
            }
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(options.Output));
        if (!string.IsNullOrEmpty(directory))
            Directory.CreateDirectory(directory);
        model.Backbone.save(options.Output);
        var manifest = new PretrainManifest(options,
            classes.Select(c => new PretrainManifestCategory(c.Name, c.Train.Count, c.HeldOut.Count)).ToList(),
            drawings.Skipped.Count, options.Steps, lastLoss, trainAccuracy, heldOutAccuracy, heldOutLabels.Length,
            1.0 / classes.Count, loadSeconds, trainClock.Elapsed.TotalSeconds,
            renderMilliseconds / ((double)options.Steps * options.BatchSize));
        File.WriteAllText(options.ManifestPath, JsonSerializer.Serialize(manifest, CsolJson.DocumentWithNaN));
        return manifest;
    }

    private (float[] Images, long[] Labels, double Milliseconds) RenderBatch(IReadOnlyList<PretrainClass> classes, PretrainSampleRenderer renderer,
        int batchIndex)
    {
        var clock = Stopwatch.StartNew();
        var plane = 3 * options.ImageSize * options.ImageSize;
        var images = new float[options.BatchSize * plane];
        var labels = new long[options.BatchSize];
        for (var i = 0; i < options.BatchSize; i++)
        {
            var random = new Random(ItemSeeds.For(options.Seed, batchIndex * options.BatchSize + i));
            var label = random.Next(classes.Count);
            var drawing = classes[label].Train[random.Next(classes[label].Train.Count)];
            renderer.Render(drawing, random, heldOut: false).CopyTo(images, i * plane);
            labels[i] = label;
        }
        return (images, labels, clock.Elapsed.TotalMilliseconds);
    }

    /// <summary>A fixed set: <see cref="HeldOutPerCategory"/> renders per category, cycling through its held-out drawings.</summary>
    private (float[] Images, long[] Labels) HeldOutSet(IReadOnlyList<PretrainClass> classes, PretrainSampleRenderer renderer)
    {
        var samples = classes.SelectMany((c, label) => c.HeldOut.Count == 0 ? []
            : Enumerable.Range(0, HeldOutPerCategory).Select(j => (Label: label, Drawing: c.HeldOut[j % c.HeldOut.Count]))).ToArray();
        var plane = 3 * options.ImageSize * options.ImageSize;
        var images = new float[samples.Length * plane];
        Parallel.For(0, samples.Length, i =>
        {
            // A seed space apart from training's (negative positions), so held-out scenes are not training scenes.
            var random = new Random(ItemSeeds.For(options.Seed, -1 - i));
            renderer.Render(samples[i].Drawing, random, heldOut: true).CopyTo(images, i * plane);
        });
        return (images, samples.Select(s => (long)s.Label).ToArray());
    }

    private (double Loss, int Correct) TrainStep(PretrainClassifier model, AdamOptimizer optimizer, float[] images, long[] labels)
    {
        using var scope = NewDisposeScope();
        model.train();
        var x = tensor(images, [labels.Length, 3, options.ImageSize, options.ImageSize]);
        var y = tensor(labels);
        optimizer.ZeroGrad();
        var logits = model.forward(x);
        var loss = nn.functional.cross_entropy(logits, y);
        loss.backward();
        optimizer.Step();
        return (loss.item<float>(), (int)logits.argmax(1).eq(y).sum().item<long>());
    }

    private double Accuracy(PretrainClassifier model, float[] images, long[] labels)
    {
        if (labels.Length == 0)
            return double.NaN;
        var plane = 3 * options.ImageSize * options.ImageSize;
        var correct = 0L;
        model.eval();
        using (no_grad())
            for (var start = 0; start < labels.Length; start += 64)
            {
                using var scope = NewDisposeScope();
                var count = Math.Min(64, labels.Length - start);
                var x = tensor(images.AsSpan(start * plane, count * plane).ToArray(), [count, 3, options.ImageSize, options.ImageSize]);
                correct += model.forward(x).argmax(1).eq(tensor(labels[start..(start + count)])).sum().item<long>();
            }
        model.train();
        return (double)correct / labels.Length;
    }
}
