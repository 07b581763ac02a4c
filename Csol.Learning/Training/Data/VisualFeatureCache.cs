using Csol.Learning.Data.Images;
using Csol.Learning.Data.Loading;
using Csol.Learning.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Csol.Learning.Training.Data;

/// <summary><c>v_fea</c> of every frame of a clip index and of its horizontal flip, computed once by a frozen trunk (eval
/// mode, no gradient) from the eval transform (Resize(C, C)), stored in fp16 (<c>training.cacheVisualFeatures</c>).</summary>
/// <remarks>Row <c>2·j + flip</c> holds the j-th frame in clip-then-frame order. Flipping the normalised resized frame
/// equals resizing the flipped frame (PIL's bilinear kernel is symmetric), so a flip costs no decode. With a folder, the
/// rows are kept on disk under <see cref="VisualFeatureCacheKey"/>'s key, so seeds and later runs reuse them.</remarks>
public sealed class VisualFeatureCache : IDisposable
{
    private const int FramesPerForward = 16;
    private readonly int[] firstFrame;
    private readonly Tensor rows;

    private VisualFeatureCache(int[] firstFrame, Tensor rows, string key, bool fromDisk)
    {
        this.firstFrame = firstFrame;
        this.rows = rows;
        Key = key;
        LoadedFromDisk = fromDisk;
    }

    /// <summary>The key of the frames, size, transform and trunk weights the rows were computed from.</summary>
    public string Key { get; }

    /// <summary>Whether the rows were read from the folder rather than computed in this process.</summary>
    public bool LoadedFromDisk { get; }

    /// <summary>Rows held: two per frame.</summary>
    public long RowCount => rows.shape[0];

    /// <summary>Reads the rows from <paramref name="folder"/> when a file with this key is there; otherwise computes them
    /// with <paramref name="net"/>'s trunk and, given a folder, writes them for the next run.</summary>
    public static VisualFeatureCache Open(MusicClipIndex index, FrameTransformOptions transforms, StageOneLocalizationNet net,
        string? folder, int workers, Device device, CancellationToken cancellationToken)
    {
        var frames = index.Clips.SelectMany(c => c.Frames).ToArray();
        var firstFrame = new int[index.Clips.Count];
        for (var c = 1; c < firstFrame.Length; c++)
            firstFrame[c] = firstFrame[c - 1] + index.Clips[c - 1].Frames.Count;
        var key = VisualFeatureCacheKey.Of(frames, transforms.CropSize, net.Visual);
        var shape = FeatureShape(net, transforms.CropSize, device);
        var file = folder is null ? null : Path.Combine(folder, $"vfea-{key[..24]}.bin");
        if (file is not null && VisualFeatureCacheFile.TryRead(file, [2L * frames.Length, .. shape]) is { } loaded)
            return new VisualFeatureCache(firstFrame, loaded, key, fromDisk: true);
        var rows = Compute(frames, transforms, net, shape, workers, device, cancellationToken);
        if (file is not null)
            VisualFeatureCacheFile.Write(file, rows);
        return new VisualFeatureCache(firstFrame, rows, key, fromDisk: false);
    }

    /// <summary>The fp32 features (N, 8w, h, w) of the given (clip, frame, flip) draws, on <paramref name="device"/>.</summary>
    public Tensor Gather(IReadOnlyList<(int Clip, int Frame, bool Flip)> draws, Device device)
    {
        var indices = draws.Select(d => 2L * (firstFrame[d.Clip] + d.Frame) + (d.Flip ? 1 : 0)).ToArray();
        using var scope = NewDisposeScope();
        using var index = tensor(indices);
        return rows.index_select(0, index).to(ScalarType.Float32).to(device).MoveToOuterDisposeScope();
    }

    public void Dispose() => rows.Dispose();

    /// <summary>(8w, h, w) of the trunk's map for one frame of side <paramref name="size"/>.</summary>
    private static long[] FeatureShape(StageOneLocalizationNet net, int size, Device device)
    {
        using var scope = NewDisposeScope();
        using var frozen = new FrozenTrunk(net);
        return net.VisualFeatures(zeros([1, 3, size, size], device: device)).shape[1..];
    }

    private static Tensor Compute(string[] frames, FrameTransformOptions transforms, StageOneLocalizationNet net, long[] shape,
        int workers, Device device, CancellationToken cancellationToken)
    {
        var size = transforms.CropSize;
        var plane = 3 * size * size;
        var rows = empty([2L * frames.Length, .. shape], ScalarType.Float16);
        using var frozen = new FrozenTrunk(net);
        for (var start = 0; start < frames.Length; start += FramesPerForward)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = Math.Min(FramesPerForward, frames.Length - start);
            var pixels = new float[count * plane];
            Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, workers) }, i =>
            {
                using var bitmap = FrameDecoder.Decode(frames[start + i]);
                FrameTransforms.Test(bitmap, transforms).Chw.CopyTo(pixels, i * plane);
            });
            using var scope = NewDisposeScope();
            var images = tensor(pixels, [count, 3, size, size], device: device);
            var features = net.VisualFeatures(cat([images, images.flip(3)]));
            // [f₀…fₙ, f₀'…fₙ'] → [f₀, f₀', f₁, f₁', …]
            var interleaved = stack([features[..count], features[count..]], dim: 1).reshape([2L * count, .. shape]);
            rows.narrow(0, 2L * start, 2L * count).copy_(interleaved.to(ScalarType.Float16).cpu());
        }
        return rows;
    }

    /// <summary>Holds the trunk frozen (eval mode, no gradient) while features are computed, then restores the flag.</summary>
    private sealed class FrozenTrunk : IDisposable
    {
        private readonly StageOneLocalizationNet net;
        private readonly bool was;

        public FrozenTrunk(StageOneLocalizationNet net)
        {
            this.net = net;
            was = net.VisualFrozen;
            net.VisualFrozen = true;
        }

        public void Dispose() => net.VisualFrozen = was;
    }
}
