using System.Diagnostics;
using Csol.Learning.Checkpoints;
using Csol.Learning.Clustering;
using Csol.Learning.Data;
using Csol.Learning.Evaluation;
using Csol.Learning.Experiments;
using Csol.Learning.Models;
using Csol.Learning.Training.Data;
using TorchSharp;

namespace Csol.Learning.Training;

/// <summary>Stage one of CSOL (spec §2.3): each epoch a localization phase (audiovisual correspondence), then, from
/// <c>training.classPhaseFromEpoch</c> on, clustering of the object features into the object dictionary and a
/// classification phase on the pseudo-labels.</summary>
/// <remarks>Steps reported: one per localization batch (<c>loss</c>) and one per classification batch
/// (<c>cls_loss</c>); <see cref="TrainingProgress.TotalSteps"/> counts both. Validation runs after each localization
/// phase (the state the reference checkpoints as <c>_av_local</c> and evaluates); the checkpoint is written at epoch end
/// (the reference's <c>_av_class</c> state), which is what a resume needs.</remarks>
public sealed class StageOneTrainer(ExperimentConfig config, StageOneTrainerOptions? options = null)
{
    private readonly StageOneTrainerOptions options = options ?? new StageOneTrainerOptions();

    /// <summary>Runs the whole training, then scores the test frames once with the weights of the epoch chosen on the
    /// validation split (<see cref="EpochSelection"/>); <paramref name="onProgress"/> is called after every step, on the
    /// calling thread. Throws <see cref="OperationCanceledException"/> within one step of <paramref name="cancellationToken"/> firing.</summary>
    public TrainingResult Run(Action<TrainingProgress> onProgress, CancellationToken cancellationToken)
    {
        CheckConfig();
        cancellationToken.ThrowIfCancellationRequested();
        using var threads = TorchThreads.Use(config.Training.Threads);
        var stopwatch = Stopwatch.StartNew();
        var device = TorchDevice.Resolve(config.Device);
        torch.manual_seed(config.Seed);
        var data = OpenData();
        using var net = BuildNetwork(device);
        using var optimizer = new AdamOptimizer(net.LocalizationParameters(), config.Training.LearningRate,
            beta1: 0.9, beta2: 0.999, weightDecay: config.Training.WeightDecay);
        var (firstEpoch, step, dictionary) = Resume(net, optimizer);
        var cacheClock = Stopwatch.StartNew();
        using var cached = firstEpoch < config.Training.FreezeVisualEpochs ? OpenFeatureCache(data, net, device, cancellationToken) : null;
        using var selection = new EpochSelection(config.Training, data.HasValidation, options.CheckpointDirectory);
        selection.ForgetFrom(firstEpoch);

        var run = new RunState(data, net, optimizer, device, selection, stopwatch, onProgress, cancellationToken)
        {
            Cached = cached,
            Step = step,
            TotalSteps = TotalSteps(config.Training, data.BatchCount(config.Training.BatchSize)),
            Dictionary = dictionary,
            // stride 16 (spec §2.1)
            Baselines = BaselineMaps.Score(data.TestFrames, data.ImageSize, data.ImageSize / 16, config.Evaluation.RelativeThreshold),
        };
        run.FinalMetrics = new Dictionary<string, double>(BaselineMaps.Metrics(run.Baselines));
        if (cached is not null)
            run.FinalMetrics["feature_cache_seconds"] = cacheClock.Elapsed.TotalSeconds;
        if (dictionary is not null)
            run.FinalMetrics["nmi"] = dictionary.Nmi;

        var stopping = EarlyStopping(selection, ref firstEpoch);
        net.train();
        for (var epoch = firstEpoch; epoch < config.Training.Epochs; epoch++)
        {
            net.VisualFrozen = epoch < config.Training.FreezeVisualEpochs;
            RunLocalizationPhase(run, epoch);
            if (HasClassPhase(config.Training, epoch))
                RunClassPhase(run, epoch);
            SaveCheckpoint(epoch, run.Step, net, optimizer, run.Dictionary, run.FinalMetrics);
            if (stopping is not null && run.LastValidation is { } validation && stopping.Offer(epoch, validation))
            {
                run.FinalMetrics["stopped_early_epoch"] = epoch;
                break;
            }
        }

        ScoreTestAtSelectedEpoch(run);
        return new TrainingResult(run.FinalMetrics, run.Step, stopwatch.Elapsed.TotalSeconds);
    }

    /// <summary>What one run carries from step to step.</summary>
    private sealed record RunState(IStageOneData Data, StageOneLocalizationNet Net, AdamOptimizer Optimizer, torch.Device Device,
        EpochSelection Selection, Stopwatch Stopwatch, Action<TrainingProgress> OnProgress, CancellationToken CancellationToken)
    {
        public int Step { get; set; }
        public int TotalSteps { get; init; }
        /// <summary>The data with cached trunk features (<c>training.cacheVisualFeatures</c>), used while the trunk is frozen.</summary>
        public IStageOneData? Cached { get; init; }
        /// <summary>What the localization phase and validation read this epoch: the cached data while the trunk is frozen.</summary>
        public IStageOneData Localization => Net.VisualFrozen && Cached is { } cached ? cached : Data;
        public ObjectDictionary? Dictionary { get; set; }
        public required IReadOnlyDictionary<string, SingleSourceEvaluator> Baselines { get; init; }
        public Dictionary<string, double> FinalMetrics { get; set; } = [];
        public bool BaselinesReported { get; set; }
        /// <summary>The newest epoch's validation metrics, for early stopping.</summary>
        public IReadOnlyDictionary<string, double>? LastValidation { get; set; }
    }

    /// <summary>The patience rule of <c>training.earlyStopping</c>, replayed over the epochs an earlier attempt
    /// validated; when those already say stop, nothing is left to train.</summary>
    private PatienceStopping? EarlyStopping(EpochSelection selection, ref int firstEpoch)
    {
        if (config.Training.EarlyStopping is not { } rule)
            return null;
        var stopping = new PatienceStopping(rule);
        foreach (var validated in selection.Validated.OrderBy(v => v["epoch"]))
            if (stopping.Offer((int)validated["epoch"], validated))
                firstEpoch = config.Training.Epochs;
        return stopping;
    }

    private void CheckConfig()
    {
        var errors = ExperimentConfigLoader.Validate(config, config.Name);
        if (errors.Count > 0)
            throw new ExperimentConfigException(errors);
    }

    private IStageOneData OpenData()
    {
        var data = StageOneData.For(config);
        if (config.Training.UseClassTask && config.Training.Clusters > data.TrainClipCount)
            throw new ExperimentConfigException([new ConfigError(config.Name, "training.clusters",
                $"must not exceed the {data.TrainClipCount} training clips of {config.Data.TrainSplit}, got {config.Training.Clusters}")]);
        return data;
    }

    /// <summary>The trunk features of every training frame, computed or read once, when the config asks for them.</summary>
    private CachedStageOneData? OpenFeatureCache(IStageOneData data, StageOneLocalizationNet net, torch.Device device,
        CancellationToken cancellationToken)
        => config.Training.CacheVisualFeatures && data is MusicStageOneData music
            ? CachedStageOneData.Open(music, net, config.Training.FeatureCacheFolder, device, cancellationToken)
            : null;

    private StageOneLocalizationNet BuildNetwork(torch.Device device)
    {
        var net = new StageOneLocalizationNet(config.Model, config.Training.Clusters);
        VisualInitialisation.Apply(net.Visual, config.Model);
        net.to(device);
        return net;
    }

    private (int FirstEpoch, int Step, ObjectDictionary? Dictionary) Resume(StageOneLocalizationNet net, AdamOptimizer optimizer)
    {
        if (options.ResumeFrom is not { } resumeFrom)
            return (0, 0, null);
        CheckResumable(resumeFrom);
        var checkpoint = StageOneCheckpoint.Load(resumeFrom, net, optimizer);
        return (checkpoint.Epoch + 1, checkpoint.GlobalStep, checkpoint.Dictionary);
    }

    /// <summary>One pass of audiovisual correspondence (spec §2.3), then validation when due.</summary>
    private void RunLocalizationPhase(RunState run, int epoch)
    {
        var training = config.Training;
        var stepsPerEpoch = run.Data.BatchCount(training.BatchSize);
        double epochLoss = 0;
        var i = 0;
        foreach (
            var batch in run.Localization.LocalizationEpoch(DataOrder.Seed(config.Seed, epoch, 0), training.BatchSize, run.Device,
                run.CancellationToken))
        {
            run.CancellationToken.ThrowIfCancellationRequested();
            Dictionary<string, double> metrics;
            using (batch)
                metrics = TrainStep(run.Net, run.Optimizer, batch);
            epochLoss += metrics["loss"];
            run.Step++;
            i++;
            var last = epoch == training.Epochs - 1;
            if (i == stepsPerEpoch && (training.ValidateEveryEpoch || last))
            {
                foreach (var (key, value) in Validate(run, epoch, epochLoss / i))
                    metrics[key] = value;
            }
            run.OnProgress(new TrainingProgress(run.Step, run.TotalSteps, epoch, metrics, run.Stopwatch.Elapsed.TotalSeconds));
        }
    }

    /// <summary>Scores the validation split, offers the epoch to model selection, and updates the run's summary: last
    /// validation plus the epoch's mean training loss, steadier than the last step's on tiny batches.</summary>
    private Dictionary<string, double> Validate(RunState run, int epoch, double epochLoss)
    {
        var directory = EvaluationDirectory($"epoch-{epoch:000}");
        var metrics = StageOneValidation.Evaluate(run.Net, run.Localization.Validation(config.Training.BatchSize, run.Device, run.CancellationToken),
            run.Data.ImageSize, config.Evaluation.RelativeThreshold, "val", run.Data.ValidationHasBoxes, directory);
        run.Selection.Offer(epoch, metrics, run.Net);
        run.LastValidation = new Dictionary<string, double>(metrics);
        metrics["epoch_loss"] = epochLoss;
        metrics["conv_av_w"] = run.Net.ConvAvWeight;
        if (!run.BaselinesReported)
        {
            // Once per run, beside the model's first validation, so charts and summaries show the floor (scored on the
            // test frames, which the final test_* metrics are compared with).
            foreach (var (key, value) in BaselineMaps.Metrics(run.Baselines))
                metrics[key] = value;
            run.BaselinesReported = true;
        }
        foreach (var (key, value) in metrics)
            run.FinalMetrics[key] = value;
        run.FinalMetrics["loss"] = epochLoss;
        return metrics;
    }

    /// <summary>Restores the selected epoch's weights and scores the test frames once; the result names the epoch.</summary>
    private void ScoreTestAtSelectedEpoch(RunState run)
    {
        if (!run.Selection.RestoreInto(run.Net))
            return; // a resumed run with nothing left to train keeps its manifest's metrics
        var directory = EvaluationDirectory("test");
        var test = StageOneValidation.Evaluate(run.Net, run.Data.Test(config.Training.BatchSize, run.Device, run.CancellationToken),
            run.Data.ImageSize, config.Evaluation.RelativeThreshold, "test", hasBoxes: true, directory);
        if (directory is not null)
            foreach (var (name, evaluator) in run.Baselines)
                evaluator.WriteResults(directory, name);
        test["selected_epoch"] = run.Selection.Epoch ?? config.Training.Epochs - 1;
        run.Selection.WriteFile(test);
        foreach (var (key, value) in test)
            run.FinalMetrics[key] = value;
    }

    private void RunClassPhase(RunState run, int epoch)
    {
        run.Dictionary = ClassificationPhase.Cluster(run.Net, run.Data, config, epoch, run.Device, run.CancellationToken);
        run.FinalMetrics["nmi"] = run.Dictionary.Nmi;
        run.Step = RunClassificationPhase(run.Net, run.Optimizer, run.Data, run.Dictionary, epoch, run.Step, run.TotalSteps,
            run.Stopwatch, run.OnProgress, run.CancellationToken);
    }

    /// <summary>Localization steps of every epoch plus classification steps of every epoch with a class phase.</summary>
    public static int TotalSteps(TrainingConfig training, int stepsPerEpoch)
    {
        var classEpochs = Enumerable.Range(0, training.Epochs).Count(e => HasClassPhase(training, e));
        return stepsPerEpoch * (training.Epochs + classEpochs * training.ClassIterations);
    }

    private static bool HasClassPhase(TrainingConfig training, int epoch) => training.UseClassTask && epoch >= training.ClassPhaseFromEpoch;

    private int RunClassificationPhase(StageOneLocalizationNet net, AdamOptimizer optimizer, IStageOneData train,
        ObjectDictionary dictionary, int epoch, int step, int totalSteps, Stopwatch stopwatch, Action<TrainingProgress> onProgress,
        CancellationToken cancellationToken)
    {
        var training = config.Training;
        net.Classifier.Reset();
        // A fresh heads optimizer with the fresh heads, as the reference re-creates both (spec §2.3).
        using var headOptimizer = new AdamOptimizer(net.Classifier.parameters(), training.HeadLearningRate,
            beta1: 0.9, beta2: 0.999, weightDecay: training.HeadWeightDecay);
        var device = TorchDevice.Resolve(config.Device);
        // The reference steps its one location optimizer in both phases at one rate; a separate backbone rate for this
        // phase (training.classPhaseBackboneLearningRate) keeps the moments and only changes the step size.
        // A rate of 0 freezes the backbones for the phase: heads only, and the location optimizer's moments stay clean.
        var backboneRate = training.ClassPhaseBackboneLearningRate ?? training.LearningRate;
        var locationOptimizer = backboneRate > 0 ? optimizer : null;
        optimizer.LearningRate = backboneRate;
        try
        {
            for (var pass = 1; pass <= training.ClassIterations; pass++)
            {
                var batches = train.BatchCount(training.BatchSize);
                double passLoss = 0;
                var i = 0;
                foreach (
                    var batch in train.Positives(DataOrder.Seed(config.Seed, epoch, pass), training.BatchSize, train: true, device,
                        cancellationToken))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    double loss;
                    using (batch)
                    using (torch.NewDisposeScope())
                    {
                        var labels = torch.tensor(batch.ClipIndices.Select(c => (long)dictionary.PseudoLabels[c]).ToArray(), device: device);
                        loss = ClassificationPhase.Step(net, locationOptimizer, headOptimizer, batch.Audio, batch.Images, labels);
                    }
                    passLoss += loss;
                    step++;
                    i++;
                    var metrics = new Dictionary<string, double> { ["cls_loss"] = loss };
                    if (pass == training.ClassIterations && i == batches)
                    {
                        metrics["nmi"] = dictionary.Nmi;
                        metrics["cls_epoch_loss"] = passLoss / i;
                    }
                    onProgress(new TrainingProgress(step, totalSteps, epoch, metrics, stopwatch.Elapsed.TotalSeconds));
                }
            }
        }
        finally
        {
            optimizer.LearningRate = training.LearningRate;
        }
        return step;
    }

    private void SaveCheckpoint(int epoch, int step, StageOneLocalizationNet net, AdamOptimizer optimizer,
        ObjectDictionary? dictionary, IReadOnlyDictionary<string, double> metrics)
    {
        if (options.CheckpointDirectory is not { } directory)
            return;
        // Every epoch is kept: the platform's retention policy (not the trainer) decides which ones go.
        options.BeforeCheckpoint?.Invoke();
        StageOneCheckpoint.Save(directory, epoch, step, net, optimizer, dictionary, config, metrics);
    }

    /// <summary><c>evaluation/epoch-NNN</c> (validation) or <c>evaluation/test</c> under the run folder, or null without one.</summary>
    private string? EvaluationDirectory(string name)
        => options.CheckpointDirectory is { } directory ? Path.Combine(directory, "evaluation", name) : null;

    /// <summary>Both configs are compared at the largest valid epoch count, so fields bounded by the epochs (e.g.
    /// <c>training.classPhaseFromEpoch</c>) still validate; 1 refused every class phase after the first epoch.</summary>
    private const int MaxComparedEpochs = 1000;

    /// <summary>Refuses a checkpoint made under another config: resuming it would silently mix two experiments.</summary>
    private void CheckResumable(string path)
    {
        var manifestPath = StageOneCheckpoint.ManifestPath(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"Checkpoint not found: {path}", path);
        if (!File.Exists(manifestPath))
            return;
        var manifest = CheckpointManifest.Parse(File.ReadAllText(manifestPath));
        if (manifest.Config is null)
            return;
        var saved = ExperimentConfigLoader.Parse(manifest.Config.ToJsonString(), manifestPath);
        // Both sides through the loader, so defaults it fills in (e.g. model.visualInit) compare equal to a config
        // built in code that left them unset.
        static string Comparable(ExperimentConfig c) => ExperimentConfigLoader.ToJson(ExperimentConfigLoader.Parse(
            ExperimentConfigLoader.ToJson(c with { Name = "", Training = c.Training with { Epochs = MaxComparedEpochs } }), "resume check"));
        if (Comparable(saved) != Comparable(config))
            throw new InvalidOperationException($"{path} was written under a different config (only name and training.epochs may change on resume).");
        if (manifest.Epoch >= config.Training.Epochs - 1)
            throw new InvalidOperationException(
                $"{path} closes epoch {manifest.Epoch}; with training.epochs {config.Training.Epochs} nothing is left to train.");
    }

    private static Dictionary<string, double> TrainStep(StageOneLocalizationNet net, AdamOptimizer optimizer, CorrespondenceBatch batch)
    {
        using var scope = torch.NewDisposeScope();
        optimizer.ZeroGrad();
        // Each audio clip is encoded once and its embedding shared by its positive and negative frame. The reference
        // feeds the clip twice; duplicating every sample leaves BatchNorm's batch statistics and the gradients the
        // same, so this only halves the audio cost.
        var audioEmbedding = net.EmbedAudio(batch.Audio).repeat_interleave(2, dim: 0);
        var logits = net.Localize(batch, audioEmbedding);
        var loss = AudioVisualCorrespondenceLoss.Compute(logits, batch.Labels);
        loss.backward();
        optimizer.Step();
        return new Dictionary<string, double>
        {
            ["loss"] = loss.item<float>(),
            ["accuracy"] = (double)StageOneValidation.CountCorrect(logits, batch.Labels) / batch.Labels.shape[0],
        };
    }
}
