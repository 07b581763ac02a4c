using System.Diagnostics;
using System.Text.Json;
using Csol.Learning.Checkpoints;
using TorchSharp;
using Csol.Learning.Evaluation;
using Csol.Learning.Experiments;
using Csol.Learning.Training.Data;

namespace Csol.Learning.Training;

/// <summary>The whole CSOL experiment as one run: stage one → cluster↔class matching → stage two → (duet fine-tuning,
/// when <c>stageTwo.duetTrainSplit</c> is set) → multi-source evaluation. Each step writes its output into the run
/// folder and is skipped when that output exists: <c>stage-one/stage-one-e{last}.ckpt</c>, <c>matching.json</c>,
/// <c>stage-two/stage-two.ckpt</c>, <c>duet/duet.ckpt</c>, <c>metrics.json</c> (with <c>evaluation/results.jsonl</c>
/// and <c>pictures/</c>).</summary>
/// <remarks>An unfinished stage one resumes from its newest epoch checkpoint; an unfinished stage two is redone (it
/// writes one checkpoint, at the end). Progress steps run on across steps: stage one's, then stage two's, then one for
/// the evaluation. The run folder belongs to one config: change the config, use a new folder.</remarks>
public sealed class PipelineRunner(ExperimentConfig config, string outputDirectory) : IExperimentRunner
{
    public const string MetricsFile = "metrics.json";

    /// <summary>The pipeline's steps without duet fine-tuning, in order.</summary>
    public static readonly IReadOnlyList<string> StepNames = ["stage-one", "matching", "stage-two", "evaluation"];

    /// <summary>The duet fine-tuning step, between stage two and the evaluation when <c>stageTwo.duetTrainSplit</c> is set.</summary>
    public const string DuetStep = "duet";

    /// <summary>The steps <paramref name="config"/> runs, in order; the job queue runs each as its own job
    /// (<see cref="RunThrough"/>).</summary>
    public static IReadOnlyList<string> StepNamesFor(ExperimentConfig config)
        => config.StageTwo.DuetTrainSplit is null ? StepNames : ["stage-one", "matching", "stage-two", DuetStep, "evaluation"];

    private bool HasDuet => config.StageTwo.DuetTrainSplit is not null;
    private static readonly JsonSerializerOptions JsonOptions = CsolJson.Indented;

    /// <summary>See <see cref="StageOneTrainerOptions.BeforeCheckpoint"/>.</summary>
    public Action? BeforeCheckpoint { get; init; }

    public string StageOneDirectory => Path.Combine(outputDirectory, "stage-one");
    public string StageOneCheckpointPath => Path.Combine(StageOneDirectory, StageOneCheckpoint.FileName(config.Training.Epochs - 1));
    public string MatchingPath => Path.Combine(outputDirectory, MatchingFile.FileName);
    public string StageTwoDirectory => Path.Combine(outputDirectory, "stage-two");
    public string StageTwoCheckpointPath => Path.Combine(StageTwoDirectory, StageTwoCheckpoint.FileName);
    public string DuetDirectory => Path.Combine(outputDirectory, "duet");
    public string DuetCheckpointPath => Path.Combine(DuetDirectory, DuetFineTuner.FileName);
    /// <summary>The network the evaluation scores: duet fine-tuning's when the pipeline has that step, else stage two's.</summary>
    public string FinalCheckpointPath => HasDuet ? DuetCheckpointPath : StageTwoCheckpointPath;
    private string DuetMetricsPath => Path.Combine(DuetDirectory, "duet-metrics.json");
    public string MetricsPath => Path.Combine(outputDirectory, MetricsFile);
    // Stage two's own final metrics, kept so an evaluation run as a separate job still reports them.
    private string StageTwoMetricsPath => Path.Combine(StageTwoDirectory, "stage-two-metrics.json");

    /// <summary>Progress steps of the whole pipeline (stage one, stage two, duet fine-tuning, one for the evaluation).</summary>
    public int TotalSteps => StageOneSteps + StageTwoSteps + DuetSteps + 1;

    // Stage two's progress steps follow stage one's and metric points are keyed by step, so this must be stage one's
    // real count: the procedural set's configured size, or a music folder's usable training seconds.
    private int StageOneSteps => _stageOneSteps ??= StageOneTrainer.TotalSteps(config.Training,
        (StageOneTrainClips() + config.Training.BatchSize - 1) / config.Training.BatchSize);

    private int? _stageOneSteps;

    // Cached like stage one's: for music data it lists the training folder.
    private int StageTwoSteps => _stageTwoSteps ??= StageTwoTrainer.TotalSteps(config);

    private int? _stageTwoSteps;

    private int DuetSteps => _duetSteps ??= DuetFineTuner.TotalSteps(config);

    private int? _duetSteps;

    private int StageOneTrainClips() => config.Data.Source == ProceduralDataConfig.MusicSource
        ? MusicStageOneData.CountTrainClips(config)
        : config.Data.TrainClips;

    /// <summary>The progress step a run of step <paramref name="index"/> continues after: stage one's newest
    /// checkpoint, or the steps of everything before it. Points past it belong to a lost attempt.</summary>
    public int ResumePoint(int index) => StepNamesFor(config)[index] switch
    {
        "stage-one" => NewestStageOneCheckpoint() is { } newest
            ? CheckpointManifest.Parse(File.ReadAllText(StageOneCheckpoint.ManifestPath(newest))).GlobalStep : 0,
        "matching" or "stage-two" => StageOneSteps,
        DuetStep => StageOneSteps + StageTwoSteps,
        _ => StageOneSteps + StageTwoSteps + DuetSteps,
    };

    /// <summary>Names of the steps skipped in the last <see cref="Run"/> because their output existed.</summary>
    public IReadOnlyList<string> SkippedSteps { get; private set; } = [];

    public TrainingResult Run(Action<TrainingProgress> onProgress, CancellationToken cancellationToken)
        => RunThrough(StepNamesFor(config).Count - 1, onProgress, cancellationToken);

    /// <summary>Runs the steps up to and including <paramref name="lastStep"/> (an index into <see cref="StepNamesFor"/>),
    /// skipping those whose output exists. Final metrics come only with the evaluation step.</summary>
    public TrainingResult RunThrough(int lastStep, Action<TrainingProgress> onProgress, CancellationToken cancellationToken)
    {
        var errors = ExperimentConfigLoader.Validate(config, config.Name);
        if (errors.Count > 0)
            throw new ExperimentConfigException(errors);
        if (config.Kind != ExperimentKinds.Pipeline)
            throw new ArgumentException($"PipelineRunner runs kind \"{ExperimentKinds.Pipeline}\", got \"{config.Kind}\".", nameof(config));
        Directory.CreateDirectory(outputDirectory);
        var stopwatch = Stopwatch.StartNew();
        var skipped = new List<string>();
        var last = StepNamesFor(config)[lastStep];

        var stageOneSteps = StageOneSteps;
        var stageTwoSteps = StageTwoSteps;
        var totalSteps = TotalSteps;
        TrainingResult Partial() => new(new Dictionary<string, double>(), totalSteps, stopwatch.Elapsed.TotalSeconds);
        var offset = 0;
        var lastEpoch = 0;
        void Forward(TrainingProgress p)
        {
            lastEpoch = p.Epoch;
            onProgress(p with { Step = offset + p.Step, TotalSteps = totalSteps, ElapsedSeconds = stopwatch.Elapsed.TotalSeconds });
        }

        if (File.Exists(StageOneCheckpointPath))
            skipped.Add("stage-one");
        else
            new StageOneTrainer(config,
                new StageOneTrainerOptions
                {
                    CheckpointDirectory = StageOneDirectory, ResumeFrom = NewestStageOneCheckpoint(),
                    BeforeCheckpoint = BeforeCheckpoint
                })
                .Run(Forward, cancellationToken);
        offset = stageOneSteps;
        cancellationToken.ThrowIfCancellationRequested();
        if (last == "stage-one")
            return Partial();

        var names = StageTwoData.ClassNames(config);
        MatchingFile matching;
        if (File.Exists(MatchingPath))
        {
            skipped.Add("matching");
            matching = MatchingFile.Read(MatchingPath);
        }
        else
        {
            var (net, dictionary) = StageTwoTrainer.LoadStageOne(StageOneCheckpointPath, config, TorchDevice.Resolve("cpu"));
            net.Dispose();
            matching = MatchingFile.Match(dictionary, names);
            matching.Write(MatchingPath);
        }
        if (last == "matching")
            return Partial();

        var stageTwoMetrics = new Dictionary<string, double>();
        if (File.Exists(StageTwoCheckpointPath))
        {
            skipped.Add("stage-two");
            if (File.Exists(StageTwoMetricsPath))
                stageTwoMetrics = JsonSerializer.Deserialize<Dictionary<string, double>>(File.ReadAllText(StageTwoMetricsPath)) ?? [];
        }
        else
        {
            foreach (var (key, value) in new StageTwoTrainer(config, new StageTwoTrainerOptions(StageOneCheckpointPath, StageTwoDirectory))
                         .Run(Forward, cancellationToken).FinalMetrics)
                stageTwoMetrics[$"stage_two_{key}"] = value;
            File.WriteAllText(StageTwoMetricsPath, JsonSerializer.Serialize(stageTwoMetrics, JsonOptions));
        }
        offset = stageOneSteps + stageTwoSteps;
        cancellationToken.ThrowIfCancellationRequested();
        if (last == "stage-two")
            return Partial();

        if (HasDuet)
        {
            foreach (var (key, value) in RunDuet(skipped, Forward, cancellationToken))
                stageTwoMetrics[key] = value;
            offset += DuetSteps;
            cancellationToken.ThrowIfCancellationRequested();
            if (last == DuetStep)
                return Partial();
        }

        Dictionary<string, double> metrics;
        if (File.Exists(MetricsPath))
        {
            skipped.Add("evaluation");
            metrics = JsonSerializer.Deserialize<Dictionary<string, double>>(File.ReadAllText(MetricsPath)) ?? [];
        }
        else
        {
            var device = TorchDevice.Resolve(config.Device);
            using var threads = TorchThreads.Use(config.Training.Threads);
            var (net, _) = StageTwoCheckpoint.Load(FinalCheckpointPath, config);
            using (net)
            {
                net.to(device);
                metrics =
                    StageTwoEvaluation.Run(net, StageTwoData.TestSet(config), matching.ToAssignment(), config, device, outputDirectory,
                        cancellationToken);
            }
            EvaluateEarlierEpochs(matching.ToAssignment(), device, cancellationToken);
            metrics["matching_profit"] = matching.Profit;
            metrics["nmi"] = matching.Nmi;
            foreach (var (key, value) in stageTwoMetrics)
                metrics[key] = value;
            var temporary = MetricsPath + ".partial";
            File.WriteAllText(temporary, JsonSerializer.Serialize(metrics, JsonOptions));
            File.Move(temporary, MetricsPath, overwrite: true);
        }
        Forward(new TrainingProgress(1, totalSteps, lastEpoch, metrics, 0));
        SkippedSteps = skipped;
        return new TrainingResult(metrics, totalSteps, stopwatch.Elapsed.TotalSeconds);
    }

    // Before metrics.json, which marks the step done: a crash here redoes the whole evaluation rather than leaving epochs out.
    private void EvaluateEarlierEpochs(ClusterClassAssignment matching, torch.Device device, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(StageTwoDirectory))
            return;
        foreach (var path in Directory.GetFiles(StageTwoDirectory, StageTwoCheckpoint.EpochPattern).Order(StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!File.Exists(CheckpointFile.ManifestPath(path)))
                continue; // a write that died before its manifest
            var epoch = CheckpointManifest.Parse(File.ReadAllText(CheckpointFile.ManifestPath(path))).Epoch;
            var (net, _) = StageTwoCheckpoint.Load(path, config);
            using (net)
            {
                net.to(device);
                StageTwoEvaluation.WriteMaps(net, StageTwoData.TestSet(config), matching, config, device, outputDirectory,
                    ImageMapsFile.EpochFolder(ImageMapsFile.EpochKey(epoch)), cancellationToken);
            }
        }
    }

    /// <summary>Duet fine-tuning from stage two's checkpoint, or its stored metrics when <c>duet.ckpt</c> exists.</summary>
    private Dictionary<string, double> RunDuet(List<string> skipped, Action<TrainingProgress> forward, CancellationToken cancellationToken)
    {
        if (File.Exists(DuetCheckpointPath))
        {
            skipped.Add(DuetStep);
            return File.Exists(DuetMetricsPath)
                ? JsonSerializer.Deserialize<Dictionary<string, double>>(File.ReadAllText(DuetMetricsPath)) ?? [] : [];
        }
        var options = new DuetFineTunerOptions(StageOneCheckpointPath, StageTwoCheckpointPath, DuetDirectory);
        var metrics = new DuetFineTuner(config, options).Run(forward, cancellationToken).FinalMetrics
            .ToDictionary(m => $"duet_{m.Key}", m => m.Value);
        File.WriteAllText(DuetMetricsPath, JsonSerializer.Serialize(metrics, JsonOptions));
        return metrics;
    }

    private string? NewestStageOneCheckpoint() => StageOneCheckpoint.Newest(StageOneDirectory);
}
