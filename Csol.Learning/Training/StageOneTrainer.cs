using System.Diagnostics;
using Csol.Learning.Data;
using Csol.Learning.Experiments;
using Csol.Learning.Models;
using TorchSharp;

namespace Csol.Learning.Training;

/// <summary>Stage one of CSOL (spec §2.3): audiovisual correspondence training of the localization network.</summary>
/// <remarks>First cut: the localization phase only; clustering, the object dictionary and the classification phase
/// come later, so the optimiser covers every parameter (there are no classifier heads to leave out yet).</remarks>
public sealed class StageOneTrainer(ExperimentConfig config)
{
    /// <summary>Validation clips come from their own generator stream so they never repeat training clips.</summary>
    private const int ValidationSeedOffset = 1_000_003;

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
        var train = ProceduralAudioVisualSet.Generate(config.Data, config.Data.TrainClips, config.Seed);
        var validation = ProceduralAudioVisualSet.Generate(config.Data, config.Data.ValClips, config.Seed + ValidationSeedOffset);

        using var net = new StageOneLocalizationNet(config.Model);
        net.to(device);
        var training = config.Training;
        using var optimizer = new AdamOptimizer(net.parameters(), training.LearningRate,
            beta1: 0.9, beta2: 0.999, weightDecay: training.WeightDecay);
        var batcher = new CorrespondenceBatcher(train, new Random(config.Seed), config.Data.FlipProbability, device);

        var stepsPerEpoch = batcher.BatchCount(training.BatchSize);
        var totalSteps = stepsPerEpoch * training.Epochs;
        var step = 0;
        IReadOnlyDictionary<string, double> finalMetrics = new Dictionary<string, double>();
        net.train();
        for (var epoch = 0; epoch < training.Epochs; epoch++)
        {
            var plan = batcher.PlanEpoch(training.BatchSize, shuffle: true);
            double epochLoss = 0;
            for (var i = 0; i < plan.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var metrics = TrainStep(net, optimizer, batcher.Build, plan[i]);
                epochLoss += metrics["loss"];
                step++;

                var lastOfEpoch = i == plan.Count - 1;
                if (lastOfEpoch && (training.ValidateEveryEpoch || epoch == training.Epochs - 1))
                {
                    foreach (var (key, value) in StageOneValidation.Evaluate(net, validation, config, device, cancellationToken))
                        metrics[key] = value;
                    metrics["epoch_loss"] = epochLoss / plan.Count;
                    metrics["conv_av_w"] = net.ConvAvWeight;
                    // The run's summary: last validation plus the last epoch's mean training loss, which is
                    // steadier than the last step's loss on tiny batches.
                    finalMetrics = new Dictionary<string, double>(metrics) { ["loss"] = epochLoss / plan.Count };
                }
                onProgress(new TrainingProgress(step, totalSteps, epoch, metrics, stopwatch.Elapsed.TotalSeconds));
            }
        }

        return new TrainingResult(finalMetrics, step, stopwatch.Elapsed.TotalSeconds);
    }

    private static Dictionary<string, double> TrainStep(
        StageOneLocalizationNet net, AdamOptimizer optimizer, Func<int[], CorrespondenceBatch> build, int[] clipIndices)
    {
        using var scope = torch.NewDisposeScope();
        var batch = build(clipIndices);
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
