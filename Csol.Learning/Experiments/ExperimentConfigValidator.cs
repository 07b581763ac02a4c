using Csol.Learning.Models;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Csol.Learning.Experiments;

/// <summary>Range and value checks for <see cref="ExperimentConfig"/>; every problem is reported, each with its range.</summary>
internal static partial class ExperimentConfigValidator
{
    /// <summary>The signatures in <see cref="Data.ProceduralClassSignatures"/> define this many distinct classes.</summary>
    public const int MaxClasses = 8;

    [GeneratedRegex("^(auto|cpu|cuda|cuda:[0-9]+)$")]
    private static partial Regex DevicePattern();

    public static IReadOnlyList<ConfigError> Validate(ExperimentConfig config, string source)
    {
        var errors = new List<ConfigError>();
        void Fail(string field, string message) => errors.Add(new ConfigError(source, field, message));
        void Range(string field, double value, double min, double max)
        {
            if (!(value >= min && value <= max)) // also rejects NaN
                Fail(field, $"must be between {Format(min)} and {Format(max)}, got {Format(value)}");
        }

        if (config.Group is { Length: 0 or > 100 })
            Fail("group", $"must be 1 to 100 characters when given, got {config.Group.Length}");
        if (config.Name.Length > 100)
            Fail("name", $"must be at most 100 characters, got {config.Name.Length}");
        if (!ExperimentKinds.All.Contains(config.Kind))
            Fail("kind", $"must be one of {string.Join(", ", ExperimentKinds.All.Select(k => $"\"{k}\""))}, got \"{config.Kind}\"");
        Range("seed", config.Seed, 0, int.MaxValue);
        if (!DevicePattern().IsMatch(config.Device))
            Fail("device", $"must be auto, cpu, cuda or cuda:N, got \"{config.Device}\"");

        var data = config.Data;
        var music = data.Source == ProceduralDataConfig.MusicSource;
        if (!music && data.Source != ProceduralDataConfig.ProceduralSource)
            Fail("data.source", $"must be \"procedural\" or \"music\", got \"{data.Source}\"");
        if (music)
            MusicPaths(data, Fail);
        Range("data.loaderWorkers", data.LoaderWorkers, 1, 64);
        // A music folder's classes come from its categories.json (MUSIC's 11 without one), not from data.classes.
        if (!music)
            Range("data.classes", data.Classes, 2, MaxClasses);
        Range("data.trainClips", data.TrainClips, 8, 100_000);
        Range("data.valClips", data.ValClips, 4, 100_000);
        Range("data.testClips", data.TestClips, 4, 100_000);
        // Output stride 16 (spec §2.1): 32 px is the smallest frame that still gives a 2×2 map.
        Range("data.imageSize", data.ImageSize, 32, 512);
        Range("data.audioFrames", data.AudioFrames, 16, 2000);
        Range("data.melBands", data.MelBands, 16, 256);
        Range("data.clipsPerVideo", data.ClipsPerVideo, 1, 64);
        Range("data.flipProbability", data.FlipProbability, 0, 1);

        var model = config.Model;
        Range("model.baseWidth", model.BaseWidth, 2, 128);
        Range("model.projectionDim", model.ProjectionDim, 2, 1024);
        Range("model.convAvInit", model.ConvAvInit, 0.01, 100);
        VisualInitChecks(model, Fail);

        var training = config.Training;
        Range("training.epochs", training.Epochs, 1, 1000);
        Range("training.batchSize", training.BatchSize, 1, 1024);
        // The clip counts below are the procedural set's; a music split's size is only known once it is read.
        if (!music && training.BatchSize > data.TrainClips && data.TrainClips >= 8)
            Fail("training.batchSize", $"must not exceed data.trainClips ({data.TrainClips}), got {training.BatchSize}");
        Range("training.learningRate", training.LearningRate, 1e-7, 1);
        Range("training.weightDecay", training.WeightDecay, 0, 1);
        Range("training.threads", training.Threads, 0, 256);
        if (!EpochSelectionCriteria.All.Contains(training.SelectBy))
            Fail("training.selectBy", $"must be one of {string.Join(", ", EpochSelectionCriteria.All)}, got \"{training.SelectBy}\"");
        else if (music && EpochSelectionCriteria.NeedsBoxes(training.SelectBy))
            Fail("training.selectBy",
                $"\"{training.SelectBy}\" needs validation frames with boxes; music validation videos have none (use val_loss)");
        Range("training.classPhaseFromEpoch", training.ClassPhaseFromEpoch, 0, 1000);
        Range("training.freezeVisualEpochs", training.FreezeVisualEpochs, 0, 1000);
        FeatureCacheChecks.Validate(config, Fail);
        Range("training.classIterations", training.ClassIterations, 1, 100);
        Range("training.clusters", training.Clusters, 2, 1000);
        // k-means cannot make more clusters than there are points to cluster (one object feature per training clip).
        if (!music && training.UseClassTask && training.Clusters > data.TrainClips && data.TrainClips >= 8)
            Fail("training.clusters", $"must not exceed data.trainClips ({data.TrainClips}), got {training.Clusters}");
        Range("training.maskThreshold", training.MaskThreshold, 0, 0.99);
        Range("training.headLearningRate", training.HeadLearningRate, 1e-7, 1);
        if (training.ClassPhaseBackboneLearningRate is { } backboneRate)
            Range("training.classPhaseBackboneLearningRate", backboneRate, 0, 1);
        Range("training.headWeightDecay", training.HeadWeightDecay, 0, 1);
        Range("training.kMeansRestarts", training.KMeansRestarts, 1, 100);
        Range("training.kMeansMaxIterations", training.KMeansMaxIterations, 1, 10_000);
        Range("training.kMeansTolerance", training.KMeansTolerance, 0, 1);

        Range("evaluation.relativeThreshold", config.Evaluation.RelativeThreshold, 0, 0.99);
        errors.AddRange(StageTwoConfigValidator.Validate(config, source));
        errors.AddRange(DetectionConfigValidator.Validate(config, source));
        Range("probe.steps", config.Probe.Steps, 1, 100_000);
        Range("probe.stepMilliseconds", config.Probe.StepMilliseconds, 0, 60_000);
        Range("probe.failFirstAttempts", config.Probe.FailFirstAttempts, 0, 10);
        if (!ProbeFailures.All.Contains(config.Probe.Failure))
            Fail("probe.failure", $"\"{config.Probe.Failure}\" is not one of {string.Join(", ", ProbeFailures.All)}");
        foreach (var (name, curve) in config.Probe.Curves ?? new Dictionary<string, double[]>())
            if (curve is null || curve.Length < config.Probe.Steps)
                Fail($"probe.curves.{name}", $"needs a value for each of the {config.Probe.Steps} steps, got {curve?.Length ?? 0}");
        EarlyStoppingChecks.Validate(config, Fail);
        EvaluationKindChecks(config, Fail);
        return errors;
    }

    /// <summary>The evaluation kind scores one checkpoint file: it must exist, with its matching for stage two.</summary>
    private static void EvaluationKindChecks(ExperimentConfig config, Action<string, string> fail)
    {
        if (config.Kind != ExperimentKinds.Evaluation)
            return;
        var evaluation = config.Evaluation;
        if (evaluation.Stage is not ("stage-one" or "stage-two"))
            fail("evaluation.stage", $"must be \"stage-one\" or \"stage-two\" for the evaluation kind, got \"{evaluation.Stage}\"");
        if (string.IsNullOrWhiteSpace(evaluation.Checkpoint) || !File.Exists(evaluation.Checkpoint))
            fail("evaluation.checkpoint", $"checkpoint file not found: \"{evaluation.Checkpoint}\" (use csol evaluate CHECKPOINT-ID)");
        if (evaluation.Stage == "stage-two" && (string.IsNullOrWhiteSpace(evaluation.Matching) || !File.Exists(evaluation.Matching)))
            fail("evaluation.matching", $"matching file not found: \"{evaluation.Matching}\" (the checkpoint's run writes matching.json)");
    }

    /// <summary>A music source needs its folder and files to exist; each missing one is an error naming its field.</summary>
    private static void MusicPaths(ProceduralDataConfig data, Action<string, string> fail)
    {
        if (string.IsNullOrWhiteSpace(data.Root))
        {
            fail("data.root", "is required when data.source is \"music\" (a MUSIC-layout folder, e.g. data/clipart)");
            return;
        }
        if (!Directory.Exists(data.Root))
        {
            fail("data.root", $"folder not found: \"{data.Root}\" (build MUSIC-Clipart with: csol dataset build-clipart --out data/clipart)");
            return;
        }
        if (!Directory.Exists(Path.Combine(data.Root, "video_frames")))
            fail("data.root", $"\"{data.Root}\" has no video_frames/ folder (MUSIC layout: video_frames/, audio_frames/)");
        if (!File.Exists(MusicDataPaths.TrainSplit(data)))
            fail("data.trainSplit", $"file not found: \"{MusicDataPaths.TrainSplit(data)}\"");
        if (!File.Exists(MusicDataPaths.TestAnnotations(data)))
            fail("data.testAnnotations", $"file not found: \"{MusicDataPaths.TestAnnotations(data)}\"" +
                (Path.GetFileName(data.TestAnnotations) == "solotrain.json"
                    ? " (MUSIC-Clipart writes it with: csol dataset build-clipart --annotate-training)" : ""));
        if (!File.Exists(MusicDataPaths.SoloVideos(data)))
            fail("data.root", $"\"{data.Root}\" has no {MusicDataPaths.SoloVideosFile} (the class of each training video, for NMI)");
    }

    private static string Format(double value) => value.ToString("G", CultureInfo.InvariantCulture);

    private static void VisualInitChecks(StageOneModelConfig model, Action<string, string> fail)
    {
        if (model.ImagenetWeights is { } weights && !File.Exists(weights))
            fail("model.imagenetWeights",
                $"file not found: \"{weights}\" (null trains from scratch; docs/imagenet-weights.md says how to make one, or `csol pretrain "
                + $"clipart` makes an offline stand-in)");
        if (model.VisualInit is not { } init)
            return;
        if (model.ImagenetWeights is not null)
            fail("model.visualInit", "give model.visualInit or the older model.imagenetWeights, not both");
        if (init == VisualInitialisation.ImageNet)
        {
            if (model.BaseWidth != 64)
                fail("model.visualInit",
                    $"\"imagenet\" needs model.baseWidth 64 (the ImageNet ResNet-18's widths), got {model.BaseWidth}; use \"scratch\" or a weights "
                    + $"file of that width");
            else
                try
                {
                    _ = ImageNetOnnxPackage.ModelPath;
                    _ = ImageNetOnnxPackage.PreprocessPath;
                }
                catch (Exception e) when (e is FileNotFoundException or InvalidOperationException)
                {
                    fail("model.visualInit", e.Message);
                }
        }
        else if (init != VisualInitialisation.Scratch && !File.Exists(init))
            fail("model.visualInit",
                $"expected \"imagenet\", \"scratch\" or a weights file (.pth, or TorchSharp's format); file not found: \"{init}\"");
    }
}
