using Csol.Learning.Data;
using Csol.Learning.Data.Images;
using Csol.Learning.Experiments;
using Csol.Learning.Models;
using Csol.Learning.Training.Data;
using Csol.Tests.Learning.Data.Clipart;
using TorchSharp;
using Xunit;

namespace Csol.Tests.Learning.Training;

/// <summary><c>training.cacheVisualFeatures</c>: the cached <c>v_fea</c> are the frozen trunk's on the eval-transformed frame
/// and its flip, a step on them gives the loss the trunk gives on those frames, and a cache made for another frame size
/// or other weights is never read.</summary>
[Trait("Category", "host")]
public sealed class VisualFeatureCacheTests(TinyClipartBuild build) : IClassFixture<TinyClipartBuild>
{
    private ExperimentConfig Config(int size = 32) => new()
    {
        Name = "cache", Seed = 10, Device = "cpu",
        Data = new ProceduralDataConfig { Source = "music", Root = build.Folder, ImageSize = size, LoaderWorkers = 2 },
        Model = new StageOneModelConfig { BaseWidth = 4, ProjectionDim = 8 },
        Training = new TrainingConfig { Epochs = 1, BatchSize = 4, FreezeVisualEpochs = 1, CacheVisualFeatures = true, Clusters = 4 },
    };

    private static StageOneLocalizationNet Net(int seed)
    {
        torch.manual_seed(seed);
        var net = new StageOneLocalizationNet(new StageOneModelConfig { BaseWidth = 4, ProjectionDim = 8 }, classes: 4);
        net.train();
        return net;
    }

    private static (CachedStageOneData Cached, MusicStageOneData Music) Open(ExperimentConfig config, StageOneLocalizationNet net,
        string? folder = null)
    {
        var music = (MusicStageOneData)StageOneData.For(config);
        return (CachedStageOneData.Open(music, net, folder, torch.CPU, CancellationToken.None), music);
    }

    /// <summary>The eval-transformed frames of the draws, flipped where drawn, as the trunk would see them.</summary>
    private static torch.Tensor Frames(MusicStageOneData music, IReadOnlyList<(int Clip, int Frame, bool Flip)> draws)
    {
        var options = new FrameTransformOptions(ResizeSize: music.ImageSize, CropSize: music.ImageSize);
        var clips = music.TrainSeconds.Clips;
        return torch.stack(draws.Select(d =>
        {
            using var bitmap = FrameDecoder.Decode(clips[d.Clip].Frames[d.Frame]);
            var image = torch.tensor(FrameTransforms.Test(bitmap, options).Chw, [3, music.ImageSize, music.ImageSize]);
            return d.Flip ? image.flip(2) : image;
        }).ToArray());
    }

    [Fact]
    public void Cached_features_are_the_frozen_trunks_and_give_the_same_loss_on_the_same_batch()
    {
        using var net = Net(seed: 1);
        var (cached, music) = Open(Config(), net);
        using var _ = cached;
        (int, int, bool)[] draws = [(0, 0, false), (5, 1, false), (2, 3, true), (9, 2, true)];
        Assert.Equal(2L * music.TrainSeconds.Clips.Sum(c => c.Frames.Count), cached.Cache.RowCount);

        using var scope = torch.NewDisposeScope();
        var images = Frames(music, draws);
        var audio = torch.randn(2, 1, 201, 64);
        var labels = torch.tensor(new float[] { 1, 0, 1, 0 });
        var viaTrunk = new CorrespondenceBatch(audio, images, labels, []);
        var viaCache = new CorrespondenceBatch(audio, torch.empty(0), labels, [], cached.Cache.Gather(draws, torch.CPU));
        net.VisualFrozen = true;
        var trunkFeatures = net.VisualFeatures(images);
        var scale = trunkFeatures.abs().max().item<float>();
        Assert.True((trunkFeatures - viaCache.VisualFeatures!).abs().max().item<float>() <= 2e-3f * scale + 1e-4f,
            "cached rows differ from the trunk beyond fp16 rounding");

        float Loss(CorrespondenceBatch b) => AudioVisualCorrespondenceLoss.Compute(
            net.Localize(b, net.EmbedAudio(b.Audio).repeat_interleave(2, dim: 0)), b.Labels).item<float>();
        Assert.Equal(Loss(viaTrunk), Loss(viaCache), 3);
        // Another frame gives another loss: the comparison above is not trivially equal.
        var other = new CorrespondenceBatch(audio, torch.empty(0), labels, [],
            cached.Cache.Gather([(1, 0, false), (6, 1, true), (3, 3, false), (10, 2, false)], torch.CPU));
        Assert.NotEqual(Loss(viaTrunk), Loss(other), 3);
    }

    [Fact]
    public void A_cache_on_disk_is_read_only_for_the_same_frames_size_and_weights()
    {
        var folder = Path.Combine(build.Sibling("feature-cache"), Guid.NewGuid().ToString("N"));
        using var net = Net(seed: 2);
        using var otherWeights = Net(seed: 3);
        bool FromDisk(ExperimentConfig config, StageOneLocalizationNet n)
        {
            using var cached = Open(config, n, folder).Cached;
            return cached.Cache.LoadedFromDisk;
        }

        Assert.False(FromDisk(Config(size: 32), net));
        Assert.True(FromDisk(Config(size: 32), net));
        Assert.False(FromDisk(Config(size: 48), net));
        Assert.False(FromDisk(Config(size: 32), otherWeights));
        Assert.Equal(3, Directory.GetFiles(folder, "vfea-*.bin").Length);
    }

    [Fact]
    public void A_truncated_cache_file_is_recomputed_not_read()
    {
        var folder = Path.Combine(build.Sibling("feature-cache"), Guid.NewGuid().ToString("N"));
        using var net = Net(seed: 4);
        using (Open(Config(), net, folder).Cached)
        {
        }
        var file = Directory.GetFiles(folder, "vfea-*.bin").Single();
        var length = new FileInfo(file).Length;
        using (var stream = File.Open(file, FileMode.Open))
            stream.SetLength(stream.Length / 2);

        using var reopened = Open(Config(), net, folder).Cached;
        Assert.False(reopened.Cache.LoadedFromDisk);
        Assert.Equal(length, new FileInfo(file).Length); // rewritten whole
    }
}
