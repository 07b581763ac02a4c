using System.Diagnostics;
using Csol.Learning.Checkpoints;
using Csol.Learning.Experiments;
using Csol.Learning.Models;
using Csol.Learning.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Csol.Learning.Detection;

/// <summary>Trains a <see cref="CenterNetDetector"/> on a <see cref="DetectionSet"/> (pseudo-boxes or true boxes),
/// writing a checkpoint every epoch into <paramref name="directory"/> and resuming from the newest one.</summary>
/// <param name="name">Names the checkpoints and prefixes the metrics (<c>pseudo</c>, <c>truth</c>).</param>
/// <param name="stepOffset">Progress steps before this training (the pipeline's), so metric points run on.</param>
/// <param name="initialTrunk">For <c>detection.detector.init</c> = <c>stage-two</c>: the trained visual trunk to copy.</param>
public sealed class DetectorTrainer(ExperimentConfig config, string directory, string name, int stepOffset, ResNet18Backbone? initialTrunk = null)
{
    public Action? BeforeCheckpoint { get; init; }

    public static int TotalSteps(DetectorConfig detector, int images) => detector.Epochs * BatchCount(detector, images);

    private static int BatchCount(DetectorConfig detector, int images) => (images + detector.BatchSize - 1) / detector.BatchSize;

    /// <summary>The finished detector's final checkpoint, if training is done.</summary>
    public string FinalCheckpoint => Path.Combine(directory, DetectorCheckpoint.FileName(name, config.Detection.Detector.Epochs - 1));

    public CenterNetDetector NewDetector(int classes)
    {
        var init = config.Detection.Detector.Init;
        var layout = init switch
        {
            DetectorConfig.ImageNetInit => ResNet18Layout.CntkImageNet,
            DetectorConfig.ScratchInit => ResNet18Layout.Torchvision,
            _ => VisualInitialisation.Layout(config.Model), // model, stage-two: stage one's trunk
        };
        var net = new CenterNetDetector(classes, config.Model.BaseWidth, config.Detection.Detector, layout);
        switch (init)
        {
            case DetectorConfig.ModelInit:
                VisualInitialisation.Apply(net.Trunk, config.Model);
                break;
            case DetectorConfig.ImageNetInit:
                ImageNetWeights.LoadImageNet(net.Trunk);
                break;
            case DetectorConfig.StageTwoInit:
                var trunk = initialTrunk ?? throw new InvalidOperationException("detection.detector.init \"stage-two\" needs the stage-two network");
                using (torch.no_grad())
                    net.Trunk.load_state_dict(trunk.state_dict());
                break;
        }
        return net;
    }

    /// <summary>Trains to the last epoch (or loads it when done) and returns the detector in evaluation mode.</summary>
    public CenterNetDetector Run(DetectionSet train, int classes, Action<TrainingProgress> onProgress, CancellationToken cancellationToken)
    {
        var settings = config.Detection.Detector;
        if (train.BoxCount == 0)
            throw new InvalidOperationException(
                $"{train.Name}: no box in any of its {train.Images.Count} training images, so there is nothing to train the detector on");
        var device = TorchDevice.Resolve(config.Device);
        torch.manual_seed(config.Seed + 101);
        var net = NewDetector(classes);
        net.to(device);
        using var optimizer = new AdamOptimizer(net.parameters(), settings.LearningRate, weightDecay: settings.WeightDecay);
        var (firstEpoch, step) = (0, stepOffset);
        if (DetectorCheckpoint.Newest(directory, name) is { } newest)
        {
            var (epoch, globalStep) = DetectorCheckpoint.Load(newest, net, optimizer);
            (firstEpoch, step) = (epoch + 1, globalStep);
        }
        var stopwatch = Stopwatch.StartNew();
        var totalSteps = stepOffset + TotalSteps(settings, train.Images.Count);
        var grid = net.GridSize(train.ImageSize);
        net.train();
        for (var epoch = firstEpoch; epoch < settings.Epochs; epoch++)
        {
            double epochLoss = 0;
            var batches = 0;
            var random = new Random(DataOrder.Seed(config.Seed, epoch, 1000));
            var order = Enumerable.Range(0, train.Images.Count).ToArray();
            random.Shuffle(order);
            var metrics = new Dictionary<string, double>();
            foreach (var chunk in order.Chunk(settings.BatchSize))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var flips = chunk.Select(_ => random.NextDouble() < settings.FlipProbability).ToArray();
                metrics = Step(net, optimizer, train, chunk, flips, classes, grid, device);
                epochLoss += metrics[$"{name}_det_loss"];
                batches++;
                step++;
                if (batches == BatchCount(settings, train.Images.Count))
                    metrics[$"{name}_det_epoch_loss"] = epochLoss / batches;
                onProgress(new TrainingProgress(step, totalSteps, epoch, metrics, stopwatch.Elapsed.TotalSeconds));
            }
            BeforeCheckpoint?.Invoke();
            DetectorCheckpoint.Save(directory, name, epoch, step, net, optimizer, config, metrics);
        }
        net.eval();
        return net;
    }

    private Dictionary<string, double> Step(CenterNetDetector net, AdamOptimizer optimizer, DetectionSet train, int[] chunk, bool[] flips,
        int classes, int grid, Device device)
    {
        using var scope = NewDisposeScope();
        var side = train.ImageSize;
        var images = new float[chunk.Length * 3 * side * side];
        var (heat, size, offset, mask) = (new List<float>(), new List<float>(), new List<float>(), new List<float>());
        for (var n = 0; n < chunk.Length; n++)
        {
            var image = train.Images[chunk[n]];
            var pixels = flips[n] ? FlipHorizontally(image.Image, side) : image.Image;
            Array.Copy(pixels, 0, images, n * pixels.Length, pixels.Length);
            var boxes = flips[n] ? image.Boxes.Select(b => (b.ClassIndex, b.Box.FlippedHorizontally())).ToArray() : image.Boxes;
            var target = CenterNetTargets.Encode(boxes, classes, grid, config.Detection.Detector.MinOverlap);
            heat.AddRange(target.Heatmap);
            size.AddRange(target.Size);
            offset.AddRange(target.Offset);
            mask.AddRange(target.Mask);
        }
        var b = chunk.Length;
        optimizer.ZeroGrad();
        using var output = net.forward(tensor(images, [b, 3, side, side]).to(device));
        var (total, focal, sizeLoss, offsetLoss) = CenterNetLoss.Compute(output,
            tensor(heat.ToArray(), [b, classes, grid, grid]).to(device), tensor(size.ToArray(), [b, 2, grid, grid]).to(device),
            tensor(offset.ToArray(), [b, 2, grid, grid]).to(device), tensor(mask.ToArray(), [b, 1, grid, grid]).to(device),
            config.Detection.Detector.SizeWeight, config.Detection.Detector.OffsetWeight);
        total.backward();
        optimizer.Step();
        return new Dictionary<string, double>
        {
            [$"{name}_det_loss"] = total.item<float>(),
            [$"{name}_det_heatmap_loss"] = focal,
            [$"{name}_det_size_loss"] = sizeLoss,
            [$"{name}_det_offset_loss"] = offsetLoss,
        };
    }

    /// <summary>CHW image mirrored left–right.</summary>
    public static float[] FlipHorizontally(float[] chw, int side)
    {
        var flipped = new float[chw.Length];
        for (var row = 0; row < chw.Length / side; row++)
            for (var x = 0; x < side; x++)
                flipped[row * side + x] = chw[row * side + side - 1 - x];
        return flipped;
    }

    /// <summary>Detections of <paramref name="net"/> on every image of <paramref name="test"/>.</summary>
    public static IReadOnlyList<ScoredBox> Detect(CenterNetDetector net, DetectionSet test, int topK, int batchSize, Device device,
        CancellationToken cancellationToken)
    {
        net.eval();
        using var noGrad = torch.no_grad();
        var boxes = new List<ScoredBox>();
        var side = test.ImageSize;
        foreach (var chunk in test.Images.Chunk(batchSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            var images = chunk.SelectMany(i => i.Image).ToArray();
            using var output = net.forward(tensor(images, [chunk.Length, 3, side, side]).to(device));
            boxes.AddRange(CenterNetDecoder.Decode(output, chunk.Select(i => i.Index).ToArray(), topK));
        }
        return boxes;
    }
}
