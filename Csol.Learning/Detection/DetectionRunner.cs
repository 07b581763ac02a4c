using System.Diagnostics;
using System.Text.Json;
using Csol.Learning.Checkpoints;
using Csol.Learning.Evaluation;
using Csol.Learning.Experiments;
using Csol.Learning.Training;
using Csol.Learning.Training.Data;
using TorchSharp;

namespace Csol.Learning.Detection;

/// <summary>The <c>detection</c> kind: the pipeline's steps, then one <c>detection</c> step (docs/detection.md) that
/// makes pseudo-boxes from stage two's class maps on the training composites, trains the detector on them (and, as the
/// upper bound, on the true boxes), and scores AP50 on the annotated test sets beside random boxes, the whole frame and
/// the heatmap boxes themselves.</summary>
/// <remarks>Everything goes to <c>detection/</c> in the run folder. Resumable: <c>pseudo-boxes.json</c> is reused, each
/// detector continues from its newest epoch checkpoint, and <c>detection/metrics.json</c> marks the step done.</remarks>
public sealed class DetectionRunner(ExperimentConfig config, string outputDirectory) : IExperimentRunner
{
    public const string StepName = "detection";
    public const string Pseudo = "pseudo", Truth = "truth";
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    public Action? BeforeCheckpoint { get; init; }

    /// <summary>The config the pipeline's steps run with: the same experiment seen as the <c>pipeline</c> kind.</summary>
    public ExperimentConfig PipelineConfig => config with { Kind = ExperimentKinds.Pipeline };

    public PipelineRunner Pipeline => new(PipelineConfig, outputDirectory) { BeforeCheckpoint = BeforeCheckpoint };

    public string Folder => Path.Combine(outputDirectory, "detection");
    public string MetricsPath => Path.Combine(Folder, "metrics.json");
    public string PseudoBoxesPath => Path.Combine(Folder, PseudoBoxesFile.FileName);
    /// <summary>Why a part was not done (no pseudo-box, no true boxes), in words; absent when all ran.</summary>
    public string NotesPath => Path.Combine(Folder, "notes.txt");

    public static IReadOnlyList<string> StepNamesFor(ExperimentConfig config) => [.. PipelineRunner.StepNamesFor(config), StepName];

    private int DetectorSteps => DetectorTrainer.TotalSteps(config.Detection.Detector, StageTwoData.CountTrainComposites(config));

    public int TotalSteps => Pipeline.TotalSteps + DetectorSteps * (config.Detection.TrainOnTrueBoxes ? 2 : 1) + 1;

    /// <summary>The step a run of the detection step continues after: the newest detector checkpoint's, else the
    /// pipeline's last.</summary>
    public int ResumePoint()
    {
        foreach (var name in new[] { Truth, Pseudo })
            if (DetectorCheckpoint.Newest(Folder, name) is { } newest)
                return CheckpointManifest.Parse(File.ReadAllText(CheckpointFile.ManifestPath(newest))).GlobalStep;
        return Pipeline.TotalSteps;
    }

    public TrainingResult Run(Action<TrainingProgress> onProgress, CancellationToken cancellationToken)
    {
        Pipeline.Run(onProgress, cancellationToken);
        return RunDetection(onProgress, cancellationToken);
    }

    /// <summary>The detection step alone, on a run folder whose pipeline steps are done.</summary>
    /// <exception cref="InvalidOperationException">Stage two or the matching is missing from the run folder.</exception>
    public TrainingResult RunDetection(Action<TrainingProgress> onProgress, CancellationToken cancellationToken)
    {
        var errors = ExperimentConfigLoader.Validate(config, config.Name);
        if (errors.Count > 0)
            throw new ExperimentConfigException(errors);
        if (config.Kind != ExperimentKinds.Detection)
            throw new ArgumentException($"DetectionRunner runs kind \"{ExperimentKinds.Detection}\", got \"{config.Kind}\".", nameof(config));
        var pipeline = Pipeline;
        RequirePipelineOutputs(pipeline);
        var stopwatch = Stopwatch.StartNew();
        var total = TotalSteps;
        if (File.Exists(MetricsPath))
        {
            var done = JsonSerializer.Deserialize<Dictionary<string, double>>(File.ReadAllText(MetricsPath)) ?? [];
            onProgress(new TrainingProgress(total, total, 0, done, 0));
            return new TrainingResult(done, total, 0);
        }
        Directory.CreateDirectory(Folder);
        var device = TorchDevice.Resolve(config.Device);
        var matching = MatchingFile.Read(pipeline.MatchingPath);
        var names = matching.ClassNames;
        var composites = StageTwoData.TrainSet(config);
        var train = DetectionSet.FromComposites("train", composites);
        var tests = DetectionData.TestSets(config);
        var (net, _) = StageTwoCheckpoint.Load(pipeline.StageTwoCheckpointPath, PipelineConfig);
        using (net)
        {
            net.to(device);
            var metrics = new Dictionary<string, double>();
            var notes = new List<string>();
            var pseudoBoxes = PseudoBoxes(net, composites, matching, device, cancellationToken);
            metrics["pseudo_boxes"] = pseudoBoxes.Count;
            metrics["pseudo_images_with_boxes"] = pseudoBoxes.Select(b => b.Image).Distinct().Count();
            metrics["pseudo_box_ap50"] =
                AveragePrecision.Mean(AveragePrecision.PerClass(pseudoBoxes, train.Truths.ToArray(), names.Count, config.Detection.IoUThreshold));

            var step = pipeline.TotalSteps;
            var evaluator = new DetectionScoring(config, names, metrics);
            foreach (var (test, frames) in tests)
            {
                evaluator.Score(test, "random",
                    DetectionBaselines.RandomBoxes(test, names.Count, config.Detection.RandomBoxesPerImage, config.Detection.BaselineSeed));
                evaluator.Score(test, "frame", DetectionBaselines.WholeFrame(test, names.Count));
                evaluator.Score(test, "heatmap", HeatmapBoxSource.Extract(net, frames, matching.ToAssignment(), config, device, cancellationToken));
            }

            var pseudoTrain = train.WithBoxes("the pseudo-boxes of stage two's training composites", pseudoBoxes);
            if (pseudoTrain.BoxCount == 0)
                notes.Add($"No pseudo-box: no class map of the {train.Images.Count} training composites reached detection.pseudoBoxes.minPeak " +
                    $"({config.Detection.PseudoBoxes.MinPeak}); the detector was not trained (lower minPeak, or train stage two longer).");
            else
            {
                using var detector = Train(pseudoTrain, Pseudo, step, names.Count, net, onProgress, cancellationToken);
                foreach (var (test, _) in tests)
                {
                    var detections =
                        DetectorTrainer.Detect(detector, test, config.Detection.Detector.TopK, config.Detection.Detector.BatchSize, device,
                            cancellationToken);
                    evaluator.Score(test, "detector", detections);
                    var file = DetectionsFile.Create(test, detections, names);
                    file.Write(Path.Combine(Folder, DetectionsFile.FileName(test.Name)));
                    if (test.Name == DetectionData.VisualizedSet(config))
                        file.Write(Path.Combine(outputDirectory, DetectionsFile.EvaluationPath));
                }
            }
            step += DetectorSteps;

            if (config.Detection.TrainOnTrueBoxes && train.BoxCount == 0)
                notes.Add("No upper bound: the training composites have no true boxes (a MUSIC-Synthetic training folder without box/).");
            else if (config.Detection.TrainOnTrueBoxes)
            {
                using var upper = Train(train, Truth, step, names.Count, net, onProgress, cancellationToken);
                foreach (var (test, _) in tests)
                    evaluator.Score(test, "upper_bound",
                        DetectorTrainer.Detect(upper, test, config.Detection.Detector.TopK, config.Detection.Detector.BatchSize, device,
                            cancellationToken));
            }

            if (notes.Count > 0)
                File.WriteAllLines(NotesPath, notes);
            metrics["detection_notes"] = notes.Count;
            var final = PipelineMetrics(pipeline);
            foreach (var (key, value) in metrics)
                final[key] = value;
            var temporary = MetricsPath + ".partial";
            File.WriteAllText(temporary, JsonSerializer.Serialize(final, JsonOptions));
            File.Move(temporary, MetricsPath, overwrite: true);
            onProgress(new TrainingProgress(total, total, 0, metrics, stopwatch.Elapsed.TotalSeconds));
            return new TrainingResult(final, total, stopwatch.Elapsed.TotalSeconds);
        }
    }

    private void RequirePipelineOutputs(PipelineRunner pipeline)
    {
        if (!File.Exists(pipeline.StageTwoCheckpointPath))
            throw new InvalidOperationException($"detection needs the pipeline's stage two, but {pipeline.StageTwoCheckpointPath} does not exist " +
                "(the run folder has no finished stage two: run the pipeline's stage-two step first)");
        if (!File.Exists(pipeline.MatchingPath))
            throw new InvalidOperationException($"detection needs the cluster↔class matching, but {pipeline.MatchingPath} does not exist " +
                "(without it no cluster has a class, so no box could be labelled: run the pipeline's matching step first)");
    }

    private IReadOnlyList<ScoredBox> PseudoBoxes(Models.StageTwoLocalizationNet net, Data.ProceduralCocktailPartySet train, MatchingFile matching,
        torch.Device device, CancellationToken cancellationToken)
    {
        if (File.Exists(PseudoBoxesPath))
            return PseudoBoxesFile.Read(PseudoBoxesPath);
        var boxes = HeatmapBoxSource.Extract(net, train, matching.ToAssignment(), config, device, cancellationToken);
        PseudoBoxesFile.Write(PseudoBoxesPath, boxes);
        return boxes;
    }

    private CenterNetDetector Train(DetectionSet set, string name, int offset, int classes, Models.StageTwoLocalizationNet net,
        Action<TrainingProgress> onProgress, CancellationToken cancellationToken)
        => new DetectorTrainer(config, Folder, name, offset, net.StageOne.Visual) { BeforeCheckpoint = BeforeCheckpoint }
            .Run(set, classes, onProgress, cancellationToken);

    private static Dictionary<string, double> PipelineMetrics(PipelineRunner pipeline)
        => File.Exists(pipeline.MetricsPath)
            ? JsonSerializer.Deserialize<Dictionary<string, double>>(File.ReadAllText(pipeline.MetricsPath)) ?? []
            : [];
}
