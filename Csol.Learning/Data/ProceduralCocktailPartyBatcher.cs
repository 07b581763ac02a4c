using TorchSharp;

namespace Csol.Learning.Data;

/// <summary>B composites with their mixed audio, and for each the image of a mismatched composite (spec §2.4).</summary>
/// <param name="Audio">(B,1,T,M), one mix per composite.</param>
/// <param name="Positives">(B,3,S,S) the composites the audio belongs to.</param>
/// <param name="Negatives">(B,3,S,S) composites whose objects the audio (mostly) does not contain.</param>
public sealed record CocktailPartyBatch(torch.Tensor Audio, torch.Tensor Positives, torch.Tensor Negatives);

/// <summary>Cuts a <see cref="ProceduralCocktailPartySet"/> into batches; negatives drawn from the seeded generator.</summary>
public sealed class ProceduralCocktailPartyBatcher(ProceduralCocktailPartySet set, Random random, torch.Device device)
{
    public int BatchCount(int batchSize) => (set.Composites.Count + batchSize - 1) / batchSize;

    public IReadOnlyList<int[]> PlanEpoch(int batchSize, bool shuffle)
    {
        var order = Enumerable.Range(0, set.Composites.Count).ToArray();
        if (shuffle)
            random.Shuffle(order);
        return order.Chunk(batchSize).ToArray();
    }

    /// <summary>Tensors of one batch; call inside the caller's dispose scope.</summary>
    public CocktailPartyBatch Build(int[] indices)
    {
        var negatives = indices.Select(i => set.PickNegative(i, random)).ToArray();
        return new CocktailPartyBatch(Audio(indices), Images(indices), Images(negatives));
    }

    /// <summary>(B,1,T,M) log-mels of the given composites.</summary>
    public torch.Tensor Audio(int[] indices)
    {
        var length = set.Config.AudioFrames * set.Config.MelBands;
        var audio = new float[indices.Length * length];
        for (var i = 0; i < indices.Length; i++)
            set.Composites[indices[i]].Audio.CopyTo(audio, i * length);
        return torch.tensor(audio, [indices.Length, 1, set.Config.AudioFrames, set.Config.MelBands], device: device);
    }

    /// <summary>(B,3,S,S) frames of the given composites.</summary>
    public torch.Tensor Images(int[] indices)
    {
        var size = set.ImageSize;
        var length = 3 * size * size;
        var images = new float[indices.Length * length];
        for (var i = 0; i < indices.Length; i++)
            set.Composites[indices[i]].Image.CopyTo(images, i * length);
        return torch.tensor(images, [indices.Length, 3, size, size], device: device);
    }
}
