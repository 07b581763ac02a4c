using Csol.Learning.Data;
using Csol.Learning.Data.Loading;
using Csol.Learning.Data.Npy;
using Csol.Learning.Models;
using TorchSharp;

namespace Csol.Learning.Training.Data;

/// <summary>Stage one's data while the visual trunk is frozen (<c>training.cacheVisualFeatures</c>): localization batches
/// carry cached <c>v_fea</c> (<see cref="VisualFeatureCache"/>) instead of frames, and the fixed validation pairs' features
/// are computed at the first validation and kept. Everything else (class phase, clustering, test) is the music data's.</summary>
/// <remarks>Pairs are drawn as <see cref="CorrespondenceBatchLoader"/> draws them (same order, same negatives, a random
/// frame of each second, a flip with <c>data.flipProbability</c>); the random crop and colour jitter are left out.</remarks>
public sealed class CachedStageOneData : IStageOneData, IDisposable
{
    private readonly MusicStageOneData music;
    private readonly VisualFeatureCache cache;
    private readonly StageOneLocalizationNet net;
    private List<ValidationBatch>? validation;

    private CachedStageOneData(MusicStageOneData music, VisualFeatureCache cache, StageOneLocalizationNet net)
        => (this.music, this.cache, this.net) = (music, cache, net);

    /// <summary>Opens (computes or reads) the training frames' features with <paramref name="net"/>'s trunk.</summary>
    public static CachedStageOneData Open(MusicStageOneData music, StageOneLocalizationNet net, string? folder, torch.Device device,
        CancellationToken cancellationToken)
        => new(music, VisualFeatureCache.Open(music.TrainSeconds, music.Transforms, net, folder, music.Workers, device, cancellationToken), net);

    /// <summary>The feature rows in use (for tests and the run's summary).</summary>
    public VisualFeatureCache Cache => cache;

    public int TrainClipCount => music.TrainClipCount;
    public IReadOnlyList<int> TrainClasses => music.TrainClasses;
    public int ImageSize => music.ImageSize;
    public bool ValidationHasBoxes => music.ValidationHasBoxes;
    public bool HasValidation => music.HasValidation;
    public IReadOnlyList<(string Key, IReadOnlyList<NormalizedBox> Boxes)> TestFrames => music.TestFrames;
    public int BatchCount(int batchSize) => music.BatchCount(batchSize);

    public IEnumerable<PositiveBatch> Positives(int seed, int batchSize, bool train, torch.Device device, CancellationToken cancellationToken)
        => music.Positives(seed, batchSize, train, device, cancellationToken);

    public IEnumerable<ValidationBatch> Test(int batchSize, torch.Device device, CancellationToken cancellationToken)
        => music.Test(batchSize, device, cancellationToken);

    public IEnumerable<CorrespondenceBatch> LocalizationEpoch(int seed, int batchSize, torch.Device device, CancellationToken cancellationToken)
    {
        var order = Enumerable.Range(0, music.TrainClipCount).ToArray();
        new Random(seed).Shuffle(order);
        var plan = order.Chunk(batchSize).ToArray();
        for (var b = 0; b < plan.Length; b++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return Batch(plan[b], seed, b * batchSize, device);
        }
    }

    /// <summary>The validation pairs with their features, computed once (the pairs and the frozen trunk never change).</summary>
    public IEnumerable<ValidationBatch> Validation(int batchSize, torch.Device device, CancellationToken cancellationToken)
    {
        validation ??= ComputeValidation(batchSize, device, cancellationToken);
        foreach (var kept in validation)
        {
            var b = kept.Batch;
            yield return new ValidationBatch(new CorrespondenceBatch(b.Audio.alias(), b.Images.alias(), b.Labels.alias(), [],
                b.VisualFeatures!.alias()), kept.Boxes, kept.Keys);
        }
    }

    public void Dispose()
    {
        cache.Dispose();
        foreach (var kept in validation ?? [])
            kept.Dispose();
    }

    private List<ValidationBatch> ComputeValidation(int batchSize, torch.Device device, CancellationToken cancellationToken)
    {
        var kept = new List<ValidationBatch>();
        using var noGrad = torch.no_grad();
        foreach (var scored in music.Validation(batchSize, device, cancellationToken))
        {
            var b = scored.Batch;
            var features = net.VisualFeatures(b.Images);
            kept.Add(new ValidationBatch(new CorrespondenceBatch(b.Audio, torch.empty(0), b.Labels, [], features), scored.Boxes, scored.Keys));
            b.Images.Dispose();
        }
        return kept;
    }

    private CorrespondenceBatch Batch(int[] clips, int seed, int firstPosition, torch.Device device)
    {
        var audioLength = NpyFile.LogMelShape[0] * NpyFile.LogMelShape[1];
        var audio = new float[clips.Length * audioLength];
        var labels = new float[2 * clips.Length];
        var draws = new List<(int Clip, int Frame, bool Flip)>(2 * clips.Length);
        for (var i = 0; i < clips.Length; i++)
        {
            var random = new Random(ItemSeeds.For(seed, firstPosition + i));
            var negative = music.TrainSeconds.PickNegative(clips[i], random);
            NpyFile.ReadFloat32(music.TrainSeconds.Clips[clips[i]].AudioPath, NpyFile.LogMelShape).Data.CopyTo(audio, i * audioLength);
            draws.Add(Draw(clips[i], random));
            draws.Add(Draw(negative, random));
            labels[2 * i] = 1;
        }
        return new CorrespondenceBatch(
            torch.tensor(audio, [clips.Length, 1, NpyFile.LogMelShape[0], NpyFile.LogMelShape[1]], device: device),
            torch.empty(0, device: device), torch.tensor(labels, device: device), [], cache.Gather(draws, device));
    }

    private (int Clip, int Frame, bool Flip) Draw(int clip, Random random)
        => (clip, random.Next(music.TrainSeconds.Clips[clip].Frames.Count), random.NextDouble() < music.Transforms.FlipProbability);
}
