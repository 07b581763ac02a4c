using System.Diagnostics;
using Csol.Learning.Checkpoints;
using Csol.Learning.Data;
using Csol.Learning.Experiments;
using Csol.Learning.Training.Data;
using TorchSharp;

namespace Csol.Learning.Training;

/// <summary>Where duet fine-tuning starts from and where it writes.</summary>
/// <param name="StageOneCheckpoint">The stage-one checkpoint: its frozen copy gives <c>p_a</c>, as in stage two.</param>
/// <param name="StageTwoCheckpoint">The network fine-tuning starts from (<c>stage-two.ckpt</c>).</param>
/// <param name="OutputDirectory">Where <c>duet.ckpt</c> goes; null writes nothing.</param>
public sealed record DuetFineTunerOptions(string StageOneCheckpoint, string StageTwoCheckpoint, string? OutputDirectory = null);

/// <summary>Duet fine-tuning (the reference's <c>training_stage_two_duet.py</c>, spec §3): stage two's objective
/// <c>L = L_c + λ·L_loc</c> for <c>stageTwo.duetEpochs</c> (1) over the seconds of real duet training videos
/// (<see cref="DuetTrainingData"/>), starting from the stage-two checkpoint.</summary>
/// <remarks>A positive is a duet second's audio with one of its frames; its negative is a frame of another duet video
/// that shows neither heard instrument when one exists, and every quadrant max of its map is pushed to 0 as in stage
/// two (no object in a frame of another video sounds, so each quadrant's target 0 holds). The whole step is one
/// checkpoint, <c>duet.ckpt</c>, written at the end: an unfinished run is redone from the stage-two checkpoint.</remarks>
public sealed class DuetFineTuner(ExperimentConfig config, DuetFineTunerOptions options)
{
    public const string FileName = "duet.ckpt";

    /// <summary>Batches of duet fine-tuning, from the split's usable seconds (lists folders, decodes nothing).</summary>
    public static int TotalSteps(ExperimentConfig config)
        => config.StageTwo.DuetTrainSplit is null ? 0
            : config.StageTwo.DuetEpochs * ((DuetTrainingData.CountSeconds(config) + config.StageTwo.BatchSize - 1) / config.StageTwo.BatchSize);

    public TrainingResult Run(Action<TrainingProgress> onProgress, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var threads = TorchThreads.Use(config.Training.Threads);
        var stopwatch = Stopwatch.StartNew();
        var device = TorchDevice.Resolve(config.Device);
        var settings = config.StageTwo;
        var train = DuetTrainingData.TrainSet(config);

        var (net, dictionary) = StageTwoCheckpoint.Load(options.StageTwoCheckpoint, config);
        using var _ = net;
        net.to(device);
        torch.manual_seed(config.Seed + DuetTrainingData.FrameSeedOffset);
        using var audioLogits = StageTwoTrainer.FrozenAudioLogits(options.StageOneCheckpoint, config, train, device, cancellationToken);
        using var optimizer = new AdamOptimizer(net.TrainableParameters(), settings.DuetLearningRate ?? settings.LearningRate,
            0.9, 0.999, settings.WeightDecay);

        var batches = (train.Composites.Count + settings.BatchSize - 1) / settings.BatchSize;
        var totalSteps = settings.DuetEpochs * batches;
        var step = 0;
        var final = new Dictionary<string, double>();
        net.train();
        var run = new StageTwoTrainer.EpochContext(net, optimizer, audioLogits, settings.LocWeight, totalSteps, stopwatch, onProgress);
        for (var epoch = 0; epoch < settings.DuetEpochs; epoch++)
        {
            var seed = DataOrder.Seed(config.Seed + DuetTrainingData.FrameSeedOffset, epoch, 0);
            var batcher = new ProceduralCocktailPartyBatcher(train, new Random(seed), device);
            step = StageTwoTrainer.Epoch(run, batcher, settings.BatchSize, epoch, step, final, cancellationToken);
        }

        if (options.OutputDirectory is { } directory)
            StageTwoCheckpoint.Save(directory, settings.DuetEpochs - 1, step, net, dictionary, config, final, FileName);
        return new TrainingResult(final, step, stopwatch.Elapsed.TotalSeconds);
    }
}
