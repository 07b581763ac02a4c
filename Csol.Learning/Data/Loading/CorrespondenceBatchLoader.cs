using Csol.Learning.Data.Images;
using Csol.Learning.Data.Npy;
using TorchSharp;

namespace Csol.Learning.Data.Loading;

/// <summary>
/// Stage-one batches from a MUSIC-layout folder (spec §1.1), in the <see cref="CorrespondenceBatch"/> shape the trainer
/// takes from the procedural set: audio (B, 1, 201, 64), frames (2B, 3, S, S) interleaved [pos₀, neg₀, …], labels 1, 0, ….
/// Workers decode whole batches ahead of the consumer; every random choice comes from <see cref="ItemSeeds"/>, so an
/// epoch seed gives the same tensors for any worker count.
/// </summary>
/// <remarks><see cref="CorrespondenceBatch.PositiveBoxes"/> is empty: MUSIC training seconds carry no boxes.</remarks>
public sealed class CorrespondenceBatchLoader
{
    private static readonly int[] LogMelShape = NpyFile.LogMelShape;
    private readonly MusicClipIndex index;
    private readonly BatchLoaderOptions options;
    private readonly List<string> problems = [];

    public CorrespondenceBatchLoader(MusicClipIndex index, BatchLoaderOptions options)
    {
        this.index = index;
        this.options = options.Validated();
        if (index.Clips.Select(c => c.Video).Distinct().Count() < 2)
            throw new ArgumentException($"{index.Root}: negatives come from another video, so at least 2 videos with usable seconds are needed.",
                nameof(index));
    }

    /// <summary>Samples skipped under <see cref="BatchLoaderOptions.SkipBad"/>, in epoch order.</summary>
    public IReadOnlyList<string> Problems => problems;

    public int BatchCount => (index.Clips.Count + options.BatchSize - 1) / options.BatchSize;

    public IEnumerable<CorrespondenceBatch> Epoch(int epochSeed, torch.Device device, CancellationToken cancellationToken = default)
    {
        var plan = Plan(epochSeed);
        using var pipeline = new PrefetchPipeline<LoadedBatch>(plan.Length, options.Workers, options.Prefetch,
            b => Load(epochSeed, plan[b], b * options.BatchSize), cancellationToken);
        for (var b = 0; b < plan.Length; b++)
        {
            var batch = pipeline.Take(b);
            problems.AddRange(batch.Problems);
            if (batch.Pairs > 0)
                yield return batch.ToTensors(device);
        }
    }

    private int[][] Plan(int epochSeed)
    {
        var order = Enumerable.Range(0, index.Clips.Count).ToArray();
        if (options.Shuffle)
            new Random(epochSeed).Shuffle(order);
        return order.Chunk(options.BatchSize).ToArray();
    }

    private LoadedBatch Load(int epochSeed, int[] clipIndices, int firstPosition)
    {
        var size = options.TransformOptions.CropSize;
        var batch = new LoadedBatch(clipIndices.Length, size);
        for (var i = 0; i < clipIndices.Length; i++)
        {
            var random = new Random(ItemSeeds.For(epochSeed, firstPosition + i));
            var anchor = index.Clips[clipIndices[i]];
            try
            {
                var negative = index.Clips[index.PickNegative(clipIndices[i], random)];
                var audio = NpyFile.ReadFloat32(anchor.AudioPath, LogMelShape).Data;
                var positive = Frame(anchor, random);
                batch.Add(audio, positive, Frame(negative, random));
            }
            catch (Exception e) when (options.SkipBad && e is InvalidDataException or IOException)
            {
                batch.Problems.Add($"{anchor.Video} second {anchor.Second}: skipped: {e.Message}");
            }
        }
        return batch;
    }

    private float[] Frame(MusicClip clip, Random random)
    {
        var path = clip.Frames[random.Next(clip.Frames.Count)];
        using var bitmap = FrameDecoder.Decode(path);
        var transforms = options.TransformOptions;
        return (options.Train ? FrameTransforms.Train(bitmap, transforms, random) : FrameTransforms.Test(bitmap, transforms)).Chw;
    }
}
