using TorchSharp;

namespace Csol.Learning.Data;

/// <summary>Cuts a set into batches of matched and mismatched audio–frame pairs (spec §1.1).</summary>
/// <param name="random">Drives order, negatives and flips; seeded by the caller so runs repeat exactly.</param>
/// <param name="flipProbability">Horizontal flip per frame (0.5 in training, 0 for validation).</param>
public sealed class CorrespondenceBatcher(ProceduralAudioVisualSet set, Random random, double flipProbability, torch.Device device)
{
    public int BatchCount(int batchSize) => (set.Clips.Count + batchSize - 1) / batchSize;

    /// <summary>Clip indices per batch for one pass; the last batch may be smaller (the reference keeps it too).</summary>
    public IReadOnlyList<int[]> PlanEpoch(int batchSize, bool shuffle)
    {
        var order = Enumerable.Range(0, set.Clips.Count).ToArray();
        if (shuffle)
            random.Shuffle(order);
        return order.Chunk(batchSize).ToArray();
    }

    /// <summary>Builds the tensors for one batch; call inside the caller's dispose scope.</summary>
    public CorrespondenceBatch Build(int[] clipIndices)
    {
        var size = set.ImageSize;
        var imageLength = 3 * size * size;
        var audioLength = set.Config.AudioFrames * set.Config.MelBands;
        var pairs = clipIndices.Length;

        var audio = new float[pairs * audioLength];
        var images = new float[2 * pairs * imageLength];
        var labels = new float[2 * pairs];
        var boxes = new NormalizedBox[pairs];
        for (var i = 0; i < pairs; i++)
        {
            var anchor = set.Clips[clipIndices[i]];
            var negative = set.Clips[PickNegative(anchor)];
            anchor.Audio.CopyTo(audio, i * audioLength);
            var flipped = CopyFrame(anchor.Image, images, 2 * i * imageLength, size);
            CopyFrame(negative.Image, images, (2 * i + 1) * imageLength, size);
            labels[2 * i] = 1;
            boxes[i] = flipped ? anchor.Box.FlippedHorizontally() : anchor.Box;
        }

        return new CorrespondenceBatch(
            torch.tensor(audio, [pairs, 1, set.Config.AudioFrames, set.Config.MelBands], device: device),
            torch.tensor(images, [2 * pairs, 3, size, size], device: device),
            torch.tensor(labels, device: device),
            boxes);
    }

    /// <summary>Matched clips only, for object-feature extraction and the classification phase (spec §2.3).</summary>
    /// <returns>Audio (B,1,T,M), frames (B,3,S,S) (flipped with the configured probability) and each clip's true class.</returns>
    public (torch.Tensor Audio, torch.Tensor Images, int[] Classes) BuildPositives(int[] clipIndices)
    {
        var size = set.ImageSize;
        var imageLength = 3 * size * size;
        var audioLength = set.Config.AudioFrames * set.Config.MelBands;
        var audio = new float[clipIndices.Length * audioLength];
        var images = new float[clipIndices.Length * imageLength];
        var classes = new int[clipIndices.Length];
        for (var i = 0; i < clipIndices.Length; i++)
        {
            var clip = set.Clips[clipIndices[i]];
            clip.Audio.CopyTo(audio, i * audioLength);
            CopyFrame(clip.Image, images, i * imageLength, size);
            classes[i] = clip.ClassIndex;
        }
        return (torch.tensor(audio, [clipIndices.Length, 1, set.Config.AudioFrames, set.Config.MelBands], device: device),
            torch.tensor(images, [clipIndices.Length, 3, size, size], device: device),
            classes);
    }

    /// <summary>A frame from another video that also shows another class.</summary>
    /// <remarks>The spec's negative is any other video (§1.1). With only a handful of classes, another video would
    /// show the same class about 1/K of the time, teaching "this matching pair does not match" and, on a tiny set,
    /// swamping the signal; requiring a different class (which here implies a different video) keeps it learnable.</remarks>
    private int PickNegative(ProceduralClip anchor)
    {
        while (true)
        {
            var candidate = set.Clips[random.Next(set.Clips.Count)];
            if (candidate.VideoId != anchor.VideoId && candidate.ClassIndex != anchor.ClassIndex)
                return candidate.Index;
        }
    }

    /// <summary>Copies a CHW frame into <paramref name="target"/>, flipped left–right with the configured probability.</summary>
    private bool CopyFrame(float[] frame, float[] target, int offset, int size)
    {
        var flip = flipProbability > 0 && random.NextDouble() < flipProbability;
        if (!flip)
        {
            frame.CopyTo(target, offset);
            return false;
        }
        for (var row = 0; row < 3 * size; row++)
            for (var x = 0; x < size; x++)
                target[offset + row * size + x] = frame[row * size + size - 1 - x];
        return true;
    }
}
