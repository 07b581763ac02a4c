using Csol.Learning.Data;
using TorchSharp;

namespace Csol.Learning.Training.Data;

/// <summary>What stage one reads, whatever the source (<c>data.source</c>): correspondence batches for the localization
/// phase, matched clips for feature extraction and the classification phase, and annotated validation frames.</summary>
/// <remarks>Every batch's tensors are made on the consumer's thread and belong to the consumer, who disposes them.</remarks>
public interface IStageOneData
{
    /// <summary>Training clips (1-s pairs); their order is the order of <see cref="TrainClasses"/> and of pseudo-labels.</summary>
    int TrainClipCount { get; }

    /// <summary>The true class of every training clip, for NMI (spec §2.3).</summary>
    IReadOnlyList<int> TrainClasses { get; }

    /// <summary>Side of the frames the network sees.</summary>
    int ImageSize { get; }

    int BatchCount(int batchSize);

    /// <summary>One localization pass: shuffled pairs with negatives and train transforms, all drawn from <paramref name="seed"/>.</summary>
    IEnumerable<CorrespondenceBatch> LocalizationEpoch(int seed, int batchSize, torch.Device device, CancellationToken cancellationToken);

    /// <summary>Matched clips only. <paramref name="train"/>: shuffled with train transforms (classification phase);
    /// otherwise every clip in order with eval transforms (object-feature extraction).</summary>
    IEnumerable<PositiveBatch> Positives(int seed, int batchSize, bool train, torch.Device device, CancellationToken cancellationToken);

    /// <summary>The validation split that model selection reads (fixed negatives, eval transforms, a fixed order); never
    /// the test frames. Empty when the data has no validation split.</summary>
    IEnumerable<ValidationBatch> Validation(int batchSize, torch.Device device, CancellationToken cancellationToken);

    /// <summary>Whether <see cref="Validation"/>'s frames carry boxes (then localization metrics can select the epoch).</summary>
    bool ValidationHasBoxes { get; }

    /// <summary>Whether there is a validation split at all (otherwise the last epoch is the one scored).</summary>
    bool HasValidation { get; }

    /// <summary>The annotated test frames (fixed negatives, eval transforms, a fixed order), decoded batch by batch;
    /// scored once, with the weights of the selected epoch.</summary>
    IEnumerable<ValidationBatch> Test(int batchSize, torch.Device device, CancellationToken cancellationToken);

    /// <summary>Boxes and keys of every test frame, in <see cref="Test"/>'s order (for the baselines).</summary>
    IReadOnlyList<(string Key, IReadOnlyList<NormalizedBox> Boxes)> TestFrames { get; }
}

/// <summary>Matched clips: audio (B,1,T,M), frames (B,3,S,S) and the clips' indices in the training set.</summary>
public sealed record PositiveBatch(torch.Tensor Audio, torch.Tensor Images, int[] ClipIndices) : IDisposable
{
    public void Dispose()
    {
        Audio.Dispose();
        Images.Dispose();
    }
}

/// <summary>A correspondence batch of validation or test frames with every box of each positive frame (empty lists when
/// the split has no boxes) and its key.</summary>
public sealed record ValidationBatch(CorrespondenceBatch Batch, IReadOnlyList<IReadOnlyList<NormalizedBox>> Boxes, IReadOnlyList<string> Keys)
    : IDisposable
{
    public void Dispose() => Batch.Dispose();
}

/// <summary>Picks the data source a config names.</summary>
public static class StageOneData
{
    public static IStageOneData For(Experiments.ExperimentConfig config)
        => config.Data.Source == Experiments.ProceduralDataConfig.MusicSource
            ? MusicStageOneData.Open(config)
            : new ProceduralStageOneData(config);
}
