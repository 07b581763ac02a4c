using System.Globalization;
using Csol.Learning.Data;
using Csol.Learning.Experiments;
using TorchSharp;

namespace Csol.Learning.Training.Data;

/// <summary>The procedural set as stage one's data, drawing exactly the randomness the trainer drew before the data
/// source became configurable (so procedural runs and their checkpoints are unchanged).</summary>
public sealed class ProceduralStageOneData : IStageOneData
{
    /// <summary>Validation clips come from their own generator stream so they never repeat training clips.</summary>
    private const int ValidationSeedOffset = 1_000_003;
    /// <summary>The test clips' own stream, apart from training's and validation's.</summary>
    private const int TestSeedOffset = 2_000_029;
    /// <summary>Fixed, so every epoch is scored on the very same negatives and the curves are comparable.</summary>
    private const int NegativeSeedOffset = 7919;

    private readonly ExperimentConfig config;
    private readonly ProceduralAudioVisualSet train;
    private readonly ProceduralAudioVisualSet validation;
    private readonly ProceduralAudioVisualSet test;

    public ProceduralStageOneData(ExperimentConfig config)
    {
        this.config = config;
        train = ProceduralAudioVisualSet.Generate(config.Data, config.Data.TrainClips, config.Seed);
        validation = ProceduralAudioVisualSet.Generate(config.Data, config.Data.ValClips, config.Seed + ValidationSeedOffset);
        TrainClasses = train.Clips.Select(c => c.ClassIndex).ToArray();
        test = ProceduralAudioVisualSet.Generate(config.Data, config.Data.TestClips, config.Seed + TestSeedOffset);
        TestFrames = test.Clips.Select(c => (Key(c.Index), (IReadOnlyList<NormalizedBox>)[c.Box])).ToArray();
    }

    public int TrainClipCount => train.Clips.Count;
    public IReadOnlyList<int> TrainClasses { get; }
    public int ImageSize => config.Data.ImageSize;
    public IReadOnlyList<(string Key, IReadOnlyList<NormalizedBox> Boxes)> TestFrames { get; }
    public bool HasValidation => true;
    public bool ValidationHasBoxes => true;

    public int BatchCount(int batchSize) => (train.Clips.Count + batchSize - 1) / batchSize;

    public IEnumerable<CorrespondenceBatch> LocalizationEpoch(int seed, int batchSize, torch.Device device, CancellationToken cancellationToken)
    {
        var batcher = new CorrespondenceBatcher(train, new Random(seed), config.Data.FlipProbability, device);
        foreach (var clipIndices in batcher.PlanEpoch(batchSize, shuffle: true))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return batcher.Build(clipIndices);
        }
    }

    public IEnumerable<PositiveBatch> Positives(int seed, int batchSize, bool train, torch.Device device, CancellationToken cancellationToken)
    {
        // Feature extraction has always used an unflipped, unshuffled pass (seed 0); the classification phase a shuffled one.
        var batcher = train
            ? new CorrespondenceBatcher(this.train, new Random(seed), config.Data.FlipProbability, device)
            : new CorrespondenceBatcher(this.train, new Random(0), flipProbability: 0, device);
        foreach (var clipIndices in batcher.PlanEpoch(batchSize, shuffle: train))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (audio, images, _) = batcher.BuildPositives(clipIndices);
            yield return new PositiveBatch(audio, images, clipIndices);
        }
    }

    public IEnumerable<ValidationBatch> Validation(int batchSize, torch.Device device, CancellationToken cancellationToken)
        => Scored(validation, batchSize, device, cancellationToken);

    public IEnumerable<ValidationBatch> Test(int batchSize, torch.Device device, CancellationToken cancellationToken)
        => Scored(test, batchSize, device, cancellationToken);

    private IEnumerable<ValidationBatch> Scored(ProceduralAudioVisualSet set, int batchSize, torch.Device device, CancellationToken cancellationToken)
    {
        var batcher = new CorrespondenceBatcher(set, new Random(config.Seed + NegativeSeedOffset), flipProbability: 0, device);
        foreach (var clipIndices in batcher.PlanEpoch(batchSize, shuffle: false))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = batcher.Build(clipIndices);
            yield return new ValidationBatch(batch, batch.PositiveBoxes.Select(b => (IReadOnlyList<NormalizedBox>)[b]).ToArray(),
                clipIndices.Select(Key).ToArray());
        }
    }

    private static string Key(int index) => index.ToString(CultureInfo.InvariantCulture);
}
