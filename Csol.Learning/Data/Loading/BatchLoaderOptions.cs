using Csol.Learning.Data.Images;

namespace Csol.Learning.Data.Loading;

/// <summary>How <see cref="CorrespondenceBatchLoader"/> reads a split.</summary>
/// <param name="BatchSize">Pairs per batch (B); the network sees 2B frames.</param>
/// <param name="Workers">Tasks decoding batches in parallel (2). Results do not depend on it.</param>
/// <param name="Prefetch">Batches decoded ahead of the consumer at most (4); bounds memory.</param>
/// <param name="Train">Train transforms (augment + random crop) or test transforms (resize only).</param>
/// <param name="Shuffle">Shuffle the clip order each epoch (from the epoch seed).</param>
/// <param name="SkipBad">Skip an unreadable sample and record it in the problems list, instead of failing the epoch.</param>
/// <param name="Transforms">Image transform settings; null means the spec's defaults.</param>
public sealed record BatchLoaderOptions(
    int BatchSize = 32, int Workers = 2, int Prefetch = 4, bool Train = true, bool Shuffle = true, bool SkipBad = false,
    FrameTransformOptions? Transforms = null)
{
    public FrameTransformOptions TransformOptions => Transforms ?? new FrameTransformOptions();

    public BatchLoaderOptions Validated()
    {
        if (BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "must be at least 1");
        if (Workers < 1) throw new ArgumentOutOfRangeException(nameof(Workers), Workers, "must be at least 1");
        if (Prefetch < 1) throw new ArgumentOutOfRangeException(nameof(Prefetch), Prefetch, "must be at least 1");
        TransformOptions.Validated();
        return this;
    }
}
