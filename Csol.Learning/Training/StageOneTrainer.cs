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

    /// <summary>Runs the whole training; <paramref name="onProgress"/> is called after every step, on the calling thread.
    /// Throws <see cref="OperationCanceledException"/> within one step of <paramref name="cancellationToken"/> firing.</summary>
    public TrainingResult Run(Action<TrainingProgress> onProgress, CancellationToken cancellationToken)
    {
        var errors = ExperimentConfigLoader.Validate(config, config.Name);
        if (errors.Count > 0)
            throw new ExperimentConfigException(errors);
        cancellationToken.ThrowIfCancellationRequested();

        var stopwatch = Stopwatch.StartNew();
        var device = TorchDevice.Resolve(config.Device);
        torch.manual_seed(config.Seed);
        var data = StageOneData.For(config);
        var training = config.Training;
        if (training.UseClassTask && training.Clusters > data.TrainClipCount)
            throw new ExperimentConfigException([new ConfigError(config.Name, "training.clusters",
                $"must not exceed the {data.TrainClipCount} training clips of {config.Data.TrainSplit}, got {training.Clusters}")]);

        using var net = new StageOneLocalizationNet(config.Model, training.Clusters);
        if (config.Model.ImagenetWeights is { } weights)
            ImageNetWeights.LoadInto(net.Visual, weights);
        net.to(device);
        using var optimizer = new AdamOptimizer(net.LocalizationParameters(), training.LearningRate,
            beta1: 0.9, beta2: 0.999, weightDecay: training.WeightDecay);

        var stepsPerEpoch = data.BatchCount(training.BatchSize);
        var totalSteps = TotalSteps(training, stepsPerEpoch);
        var firstEpoch = 0;
        var step = 0;
        ObjectDictionary? dictionary = null;
        if (options.ResumeFrom is { } resumeFrom)
        {
            CheckResumable(resumeFrom);
            var checkpoint = StageOneCheckpoint.Load(resumeFrom, net, optimizer);
            (firstEpoch, step, dictionary) = (checkpoint.Epoch + 1, checkpoint.GlobalStep, checkpoint.Dictionary);
        }

        var mapSide = data.ImageSize / 16; // output stride 16 (spec §2.1)
        var baselines = BaselineMaps.Score(data.ValidationFrames, data.ImageSize, mapSide, config.Evaluation.RelativeThreshold);
        var baselineMetrics = BaselineMaps.Metrics(baselines);
        var baselinesReported = false;
        var finalMetrics = new Dictionary<string, double>(baselineMetrics);
        if (dictionary is not null)
            finalMetrics["nmi"] = dictionary.Nmi;

        net.train();
        for (var epoch = firstEpoch; epoch < training.Epochs; epoch++)
        {
            double epochLoss = 0;
            var i = 0;
            foreach (var batch in data.LocalizationEpoch(DataOrder.Seed(config.Seed, epoch, 0), training.BatchSize, device, cancellationToken))
            {
                cancellationToken.ThrowIfCancellationRequested();
                Dictionary<string, double> metrics;
                using (batch)
                    metrics = TrainStep(net, optimizer, batch);
                epochLoss += metrics["loss"];
                step++;
                i++;

                var lastOfEpoch = i == stepsPerEpoch;
                if (lastOfEpoch && (training.ValidateEveryEpoch || epoch == training.Epochs - 1))
                {
                    var results = EvaluationDirectory(epoch);
                    foreach (var (key, value) in StageOneValidation.Evaluate(net, data, config, device, cancellationToken, results))
                        metrics[key] = value;
                    metrics["epoch_loss"] = epochLoss / i;
                    metrics["conv_av_w"] = net.ConvAvWeight;
                    if (!baselinesReported)
                    {
                        // Once per run, beside the model's first validation, so charts and summaries show the floor.
                        foreach (var (key, value) in baselineMetrics)
                            metrics[key] = value;
                        if (results is not null)
                            foreach (var (name, evaluator) in baselines)
                                evaluator.WriteResults(results, name);
                        baselinesReported = true;
                    }
                    // The run's summary: last validation plus the last epoch's mean training loss, which is
                    // steadier than the last step's loss on tiny batches.
                    foreach (var (key, value) in metrics)
                        finalMetrics[key] = value;
                    finalMetrics["loss"] = epochLoss / i;
                }
                onProgress(new TrainingProgress(step, totalSteps, epoch, metrics, stopwatch.Elapsed.TotalSeconds));
            }

            if (HasClassPhase(training, epoch))
            {
                dictionary = ClassificationPhase.Cluster(net, data, config, epoch, device, cancellationToken);
                finalMetrics["nmi"] = dictionary.Nmi;
                step = RunClassificationPhase(net, optimizer, data, dictionary, epoch, step, totalSteps, stopwatch, onProgress, cancellationToken);
            }

            SaveCheckpoint(epoch, step, net, optimizer, dictionary, finalMetrics);
        }

        return new TrainingResult(finalMetrics, step, stopwatch.Elapsed.TotalSeconds);
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
                foreach (var batch in train.Positives(DataOrder.Seed(config.Seed, epoch, pass), training.BatchSize, train: true, device, cancellationToken))
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

    private string? EvaluationDirectory(int epoch)
        => options.CheckpointDirectory is { } directory ? Path.Combine(directory, "evaluation", $"epoch-{epoch:000}") : null;

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
        static string Comparable(ExperimentConfig c) => ExperimentConfigLoader.ToJson(c with { Name = "", Training = c.Training with { Epochs = 1 } });
        if (Comparable(saved) != Comparable(config))
            throw new InvalidOperationException($"{path} was written under a different config (only name and training.epochs may change on resume).");
        if (manifest.Epoch >= config.Training.Epochs - 1)
            throw new InvalidOperationException($"{path} closes epoch {manifest.Epoch}; with training.epochs {config.Training.Epochs} nothing is left to train.");
    }

    private static Dictionary<string, double> TrainStep(StageOneLocalizationNet net, AdamOptimizer optimizer, CorrespondenceBatch batch)
    {
        using var scope = torch.NewDisposeScope();
        optimizer.ZeroGrad();
        // Each audio clip is encoded once and its embedding shared by its positive and negative frame. The reference
        // feeds the clip twice; duplicating every sample leaves BatchNorm's batch statistics and the gradients the
        // same, so this only halves the audio cost.
        var audioEmbedding = net.EmbedAudio(batch.Audio).repeat_interleave(2, dim: 0);
        var logits = net.Localize(batch.Images, audioEmbedding);
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
