using Csol.Learning.Checkpoints;
using Csol.Learning.Data;
using Csol.Learning.Detection;
using Csol.Learning.Experiments;
using Csol.Learning.Training;
using Csol.Tests.Support;
using Xunit;

namespace Csol.Tests.Learning.Detection;

[Trait("Category", "unit")]
public sealed class DetectorTrainerTests
{
    private static ExperimentConfig Config(int epochs) => new()
    {
        Name = "overfit", Kind = ExperimentKinds.Detection, Seed = 3, Device = "cpu",
        Model = new StageOneModelConfig { BaseWidth = 8 },
        Detection = new DetectionConfig
        {
            Detector = new DetectorConfig
            {
                Init = DetectorConfig.ScratchInit, HeadChannels = 16, UpsampleLayers = 2, Epochs = epochs, BatchSize = 2,
                LearningRate = 3e-3, FlipProbability = 0, TopK = 5,
            },
        },
    };

    /// <summary>Two 32² images: a bright square of class 0 top-left, and a bright bar of class 1 bottom-right.</summary>
    private static DetectionSet TwoImages()
    {
        static DetectionImage Draw(int index, int classIndex, NormalizedBox box)
        {
            const int side = 32;
            var image = new float[3 * side * side];
            for (var c = 0; c < 3; c++)
                for (var y = 0; y < side; y++)
                    for (var x = 0; x < side; x++)
                    {
                        var inside = x >= box.X * side && x < (box.X + box.Width) * side && y >= box.Y * side && y < (box.Y + box.Height) * side;
                        image[(c * side + y) * side + x] = inside ? (c == classIndex ? 2f : -1f) : 0f;
                    }
            return new DetectionImage(index, image, [(classIndex, box)]);
        }
        return new DetectionSet("two", 32,
            [Draw(0, 0, new NormalizedBox(0.125, 0.125, 0.375, 0.375)), Draw(1, 1, new NormalizedBox(0.5, 0.625, 0.375, 0.25))]);
    }

    [Fact]
    public void Overfits_TwoImages_ToHighAP()
    {
        using var temp = TestPaths.NewTempDirectory("csol-detector");
        var set = TwoImages();

        using var net = new DetectorTrainer(Config(epochs: 150), temp.Path, "pseudo", 0).Run(set, 2, _ => { }, CancellationToken.None);
        var detections = DetectorTrainer.Detect(net, set, topK: 5, batchSize: 2, TorchSharp.torch.CPU, CancellationToken.None);

        var map = AveragePrecision.Mean(AveragePrecision.PerClass(detections, set.Truths.ToArray(), 2));
        Assert.True(map >= 0.9, $"mAP50 {map}");
    }

    [Fact]
    public void Resume_FromAnEpochCheckpoint_GivesTheSameWeights()
    {
        using var straight = TestPaths.NewTempDirectory("csol-detector");
        using var resumed = TestPaths.NewTempDirectory("csol-detector");
        var set = TwoImages();
        var steps = new List<TrainingProgress>();

        using (var once = new DetectorTrainer(Config(epochs: 3), straight.Path, "pseudo", 10).Run(set, 2, steps.Add, CancellationToken.None)) { }
        using (var first = new DetectorTrainer(Config(epochs: 2), resumed.Path, "pseudo", 10).Run(set, 2, _ => { }, CancellationToken.None)) { }
        var continued = new List<TrainingProgress>();
        using (var second = new DetectorTrainer(Config(epochs: 3), resumed.Path, "pseudo", 10).Run(set, 2, continued.Add, CancellationToken.None)) { }

        Assert.Equal([11, 12, 13], steps.Select(p => p.Step));
        Assert.Equal([13], continued.Select(p => p.Step));
        Assert.Equal(steps[^1].Metrics["pseudo_det_loss"], continued[^1].Metrics["pseudo_det_loss"], 6);
        var a = CheckpointFile.Sha256(Path.Combine(straight.Path, DetectorCheckpoint.FileName("pseudo", 2)));
        using var x = new CenterNetDetector(2, 8, Config(3).Detection.Detector);
        using var y = new CenterNetDetector(2, 8, Config(3).Detection.Detector);
        DetectorCheckpoint.Load(Path.Combine(straight.Path, DetectorCheckpoint.FileName("pseudo", 2)), x, null);
        DetectorCheckpoint.Load(Path.Combine(resumed.Path, DetectorCheckpoint.FileName("pseudo", 2)), y, null);
        foreach (var ((name, p), (_, q)) in x.state_dict().Zip(y.state_dict()))
            Assert.True(p.allclose(q, rtol: 1e-4, atol: 1e-5), $"{name} differs ({a})"); // not bitwise: CPU kernels may reorder sums under load
    }

    [Fact]
    public void NoBoxes_IsRefusedWithTheReason()
    {
        using var temp = TestPaths.NewTempDirectory("csol-detector");
        var empty = TwoImages().WithBoxes("no boxes", []);

        var error =
            Assert.Throws<InvalidOperationException>(
                () => new DetectorTrainer(Config(1), temp.Path, "pseudo", 0).Run(empty, 2, _ => { }, CancellationToken.None));

        Assert.Contains("no box", error.Message);
    }
}
