using System.Diagnostics;
using Csol.Learning.Checkpoints;
using Csol.Learning.Clustering;
using Csol.Learning.Data;
using Csol.Learning.Experiments;
using Csol.Learning.Models;
using Csol.Learning.Training.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Csol.Learning.Training;

/// <summary>Where stage two starts from and where it writes.</summary>
/// <param name="StageOneCheckpoint">A stage-one checkpoint with an object dictionary (the reference's <c>_av_class</c>).</param>
/// <param name="OutputDirectory">Where <c>stage-two.ckpt</c> goes (and, for every epoch but the last,
/// <c>stage-two-eNNN.ckpt</c>); null writes nothing.</param>
public sealed record StageTwoTrainerOptions(string StageOneCheckpoint, string? OutputDirectory = null);

/// <summary>Stage two of CSOL (spec §2.4) on cocktail-party composites (<see cref="StageTwoData"/>): the stage-one network plus the
/// class-aware object maps over the fixed dictionary D, trained with <c>L = L_c + λ·L_loc</c>.</summary>
/// <remarks>
/// <c>p_a</c> comes from a frozen copy of the stage-one model (eval mode). Since that copy never changes and stage two
/// does not augment the audio, its logits are computed once per composite before training, and the copy is released.
/// Steps report <c>loss</c>, <c>consistency_loss</c> and <c>loc_loss</c>; the last step of each epoch adds their
/// epoch means (<c>epoch_…</c>).
/// </remarks>
public sealed class StageTwoTrainer(ExperimentConfig config, StageTwoTrainerOptions options)
{
    /// <summary>Training composites come from their own generator stream, disjoint from stage one's and the test set's.</summary>
    public const int TrainSeedOffset = 2_000_003;

    /// <summary>Steps of stage two: the procedural set's configured size, or the composites in a music folder.</summary>
    public static int TotalSteps(ExperimentConfig config)
        => config.StageTwo.Epochs * ((StageTwoData.CountTrainComposites(config) + config.StageTwo.BatchSize - 1) / config.StageTwo.BatchSize);

    public TrainingResult Run(Action<TrainingProgress> onProgress, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var threads = TorchThreads.Use(config.Training.Threads);
        var stopwatch = Stopwatch.StartNew();
        var device = TorchDevice.Resolve(config.Device);
        var settings = config.StageTwo;
        var train = StageTwoData.TrainSet(config);

        var (net, dictionary) = LoadStageOne(options.StageOneCheckpoint, config, device);
        using var _ = net;
        torch.manual_seed(config.Seed + TrainSeedOffset);
        using var audioLogits = FrozenAudioLogits(options.StageOneCheckpoint, config, train, device, cancellationToken);
        using var optimizer = new AdamOptimizer(net.TrainableParameters(), settings.LearningRate, 0.9, 0.999, settings.WeightDecay);

        var totalSteps = settings.Epochs * ((train.Composites.Count + settings.BatchSize - 1) / settings.BatchSize);
        var step = 0;
        var final = new Dictionary<string, double>();
        net.train();
        for (var epoch = 0; epoch < settings.Epochs; epoch++)
        {
            var batcher = new ProceduralCocktailPartyBatcher(train, new Random(DataOrder.Seed(config.Seed + TrainSeedOffset, epoch, 0)), device);
            step = Epoch(new EpochContext(net, optimizer, audioLogits, settings.LocWeight, totalSteps, stopwatch, onProgress),
                batcher, settings.BatchSize, epoch, step, final, cancellationToken);
            if (options.OutputDirectory is { } epochDirectory && epoch < settings.Epochs - 1)
                StageTwoCheckpoint.Save(epochDirectory, epoch, step, net, dictionary, config, final, StageTwoCheckpoint.EpochFileName(epoch));
        }

        if (options.OutputDirectory is { } directory)
            StageTwoCheckpoint.Save(directory, settings.Epochs - 1, step, net, dictionary, config, final);
        return new TrainingResult(final, step, stopwatch.Elapsed.TotalSeconds);
    }

    /// <summary>The stage-two network initialised from a stage-one checkpoint and its dictionary.</summary>
    public static (StageTwoLocalizationNet Net, ObjectDictionary Dictionary) LoadStageOne(string checkpoint, ExperimentConfig config, Device device)
    {
        var stageOne = new StageOneLocalizationNet(config.Model, config.Training.Clusters);
        using (var scratch = new AdamOptimizer(stageOne.LocalizationParameters(), config.Training.LearningRate))
        {
            var loaded = StageOneCheckpoint.Load(checkpoint, stageOne, scratch);
            if (loaded.Dictionary is not { } dictionary)
                throw new InvalidOperationException(
                    $"{checkpoint} has no object dictionary: stage one must run its class phase (training.useClassTask) at least once.");
            using var atoms = dictionary.ToTensor();
            var net = new StageTwoLocalizationNet(stageOne, atoms, config.StageTwo.CosineObjectMaps);
            if (config.StageTwo.ObjectMapInit == StageTwoConfig.IdentityObjectMapInit)
                net.ObjectMaps.SetAffine(1, 0);
            net.to(device);
            return (net, dictionary);
        }
    }

    /// <summary>h_a(a_fea) of the frozen stage-one model for every composite, (N,K).</summary>
    internal static Tensor FrozenAudioLogits(string checkpoint, ExperimentConfig config, ProceduralCocktailPartySet set, Device device,
        CancellationToken cancellationToken)
    {
        using var frozen = new StageOneLocalizationNet(config.Model, config.Training.Clusters);
        using (var scratch = new AdamOptimizer(frozen.LocalizationParameters(), config.Training.LearningRate))
            StageOneCheckpoint.Load(checkpoint, frozen, scratch);
        frozen.to(device);
        frozen.eval();
        using var noGrad = torch.no_grad();
        var batcher = new ProceduralCocktailPartyBatcher(set, new Random(0), device);
        var parts = new List<Tensor>();
        foreach (var indices in batcher.PlanEpoch(config.StageTwo.BatchSize, shuffle: false))
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            parts.Add(frozen.Classifier.AudioLogits(frozen.AudioFeatures(batcher.Audio(indices))).MoveToOuterDisposeScope());
        }
        var all = cat(parts, 0);
        parts.ForEach(p => p.Dispose());
        return all;
    }

    /// <summary>What every epoch of stage two's objective shares: the network, its optimizer, the frozen <c>p_a</c>
    /// logits, λ, and where progress goes.</summary>
    internal sealed record EpochContext(StageTwoLocalizationNet Net, AdamOptimizer Optimizer, Tensor AudioLogits, double LocWeight,
        int TotalSteps, Stopwatch Clock, Action<TrainingProgress> OnProgress);

    /// <summary>One shuffled pass of <c>L = L_c + λ·L_loc</c> over a batcher's composites (stage two, and duet
    /// fine-tuning over duet seconds): every step is reported, and the epoch's means go to <paramref name="final"/> and
    /// onto its last step's report as <c>epoch_*</c>. Returns the step count after the epoch.</summary>
    internal static int Epoch(EpochContext run, ProceduralCocktailPartyBatcher batcher, int batchSize, int epoch, int step,
        Dictionary<string, double> final, CancellationToken cancellationToken)
    {
        var plan = batcher.PlanEpoch(batchSize, shuffle: true);
        var sums = new Dictionary<string, double>();
        for (var i = 0; i < plan.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var metrics = Step(run.Net, run.Optimizer, batcher, plan[i], run.AudioLogits, run.LocWeight);
            foreach (var (key, value) in metrics)
                sums[key] = sums.GetValueOrDefault(key) + value;
            step++;
            if (i == plan.Count - 1)
            {
                foreach (var (key, sum) in sums)
                    metrics[$"epoch_{key}"] = final[key] = sum / plan.Count;
                metrics["conv_av_w"] = run.Net.StageOne.ConvAvWeight;
                (metrics["obj_conv_alpha"], metrics["obj_conv_beta"]) = run.Net.ObjectMaps.Affine;
            }
            run.OnProgress(new TrainingProgress(step, run.TotalSteps, epoch, metrics, run.Clock.Elapsed.TotalSeconds));
        }
        return step;
    }

    internal static Dictionary<string, double> Step(StageTwoLocalizationNet net, AdamOptimizer optimizer, ProceduralCocktailPartyBatcher batcher,
        int[] indices, Tensor audioLogits, double locWeight)
    {
        using var scope = NewDisposeScope();
        var batch = batcher.Build(indices);
        optimizer.ZeroGrad();
        var count = indices.Length;
        // One audio embedding per composite serves its positive and its negative image (as in stage one).
        var embedding = net.StageOne.EmbedAudio(batch.Audio);
        var output = net.Forward(cat([batch.Positives, batch.Negatives], 0), cat([embedding, embedding], 0));
        var positives = TensorIndex.Slice(0, count);
        var consistency = CategoryConsistencyLoss.Compute(
            ClassAwareObjectMaps.VisualLogits(output.Suppressed[positives]),
            audioLogits.index_select(0, tensor(indices.Select(i => (long)i).ToArray(), device: audioLogits.device)));
        var localization = CocktailPartyLocalizationLoss.Compute(output.Logits[positives], output.Logits[TensorIndex.Slice(count, null)]);
        var loss = consistency + locWeight * localization;
        loss.backward();
        optimizer.Step();
        return new Dictionary<string, double>
        {
            ["loss"] = loss.item<float>(),
            ["consistency_loss"] = consistency.item<float>(),
            ["loc_loss"] = localization.item<float>(),
        };
    }
}
