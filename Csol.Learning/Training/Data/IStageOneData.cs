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

    /// <summary>The annotated validation frames (fixed negatives, eval transforms), in a fixed order.</summary>
    IEnumerable<ValidationBatch> Validation(int batchSize, torch.Device device, CancellationToken cancellationToken);

    /// <summary>Boxes and keys of every validation frame, in <see cref="Validation"/>'s order (for the baselines).</summary>
    IReadOnlyList<(string Key, IReadOnlyList<NormalizedBox> Boxes)> ValidationFrames { get; }
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

/// <summary>A correspondence batch of validation frames with every box of each positive frame and its key.</summary>
public sealed record ValidationBatch(CorrespondenceBatch Batch, IReadOnlyList<IReadOnlyList<NormalizedBox>> Boxes, IReadOnlyList<string> Keys) : IDisposable
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
