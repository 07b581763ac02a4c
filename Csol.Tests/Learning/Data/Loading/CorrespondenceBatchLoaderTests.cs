using Csol.Learning.Data.Images;
using Csol.Learning.Data.Loading;
using Csol.Learning.Data.Npy;
using Csol.Tests.Support;
using TorchSharp;
using Xunit;

namespace Csol.Tests.Learning.Data.Loading;

[Trait("Category", "unit")]
public sealed class CorrespondenceBatchLoaderTests : IDisposable
{
    private static readonly FrameTransformOptions Small = new(ResizeSize: 40, CropSize: 32);
    private readonly TempDirectory dir = TestPaths.NewTempDirectory("loader");
    private readonly IReadOnlyList<string> videos;

    public CorrespondenceBatchLoaderTests() =>
        videos = MusicLayoutGenerator.Write(dir.Path, videos: 3, seconds: 3, framesPerSecond: 2, width: 48, height: 32, seed: 1);

    public void Dispose() => dir.Dispose();

    private CorrespondenceBatchLoader Loader(int workers, bool skipBad = false) =>
        new(MusicClipIndex.Build(dir.Path), new BatchLoaderOptions(BatchSize: 4, Workers: workers, Prefetch: 2, SkipBad: skipBad, Transforms: Small));

    private static List<float[]> Flatten(CorrespondenceBatchLoader loader, int seed)
    {
        var tensors = new List<float[]>();
        using var scope = torch.NewDisposeScope();
        foreach (var batch in loader.Epoch(seed, torch.CPU))
            tensors.AddRange([batch.Audio.data<float>().ToArray(), batch.Images.data<float>().ToArray(), batch.Labels.data<float>().ToArray()]);
        return tensors;
    }

    [Fact]
    public void Epoch_GivesTheTrainerShapes_AndInterleavedLabels()
    {
        using var scope = torch.NewDisposeScope();
        var batches = Loader(2).Epoch(5, torch.CPU).ToList();

        Assert.Equal(3, batches.Count);
        Assert.Equal([4L, 1, 201, 64], batches[0].Audio.shape);
        Assert.Equal([8L, 3, 32, 32], batches[0].Images.shape);
        Assert.Equal([1f, 0, 1, 0, 1, 0, 1, 0], batches[0].Labels.data<float>().ToArray());
        Assert.Equal([1L, 1, 201, 64], batches[2].Audio.shape);
    }

    [Fact]
    public void Epoch_SameSeed_IsIdenticalForOneOrTwoWorkers()
    {
        var one = Flatten(Loader(1), 9);
        var two = Flatten(Loader(2), 9);
        var other = Flatten(Loader(2), 10);

        Assert.Equal(one, two);
        Assert.NotEqual(one[1], other[1]);
    }

    [Fact]
    public void Epoch_CorruptJpeg_FailsNamingTheFile()
    {
        var bad = Path.Combine(dir.Path, "video_frames", videos[1], "frame_001", "00030.jpg");
        File.WriteAllBytes(bad, [0xFF, 0xD8, 0xFF, 0, 1, 2]);
        File.Delete(Path.Combine(dir.Path, "video_frames", videos[1], "frame_001", "00037.jpg"));

        var error = Assert.Throws<InvalidDataException>(() => Flatten(Loader(2), 1));

        Assert.Contains(bad, error.Message);
    }

    [Fact]
    public void Epoch_WrongSpectrogramShape_FailsNamingTheFile()
    {
        var bad = Path.Combine(dir.Path, "audio_frames", videos[0], "002.npy");
        NpyFile.Write(bad, new float[200, 64]);

        var error = Assert.Throws<InvalidDataException>(() => Flatten(Loader(1), 1));

        Assert.Contains(bad, error.Message);
        Assert.Contains("201", error.Message);
    }

    [Fact]
    public void Epoch_MissingSecondAfterIndexing_FailsNamingTheFile()
    {
        var loader = Loader(2);
        var gone = Path.Combine(dir.Path, "audio_frames", videos[2], "000.npy");
        File.Delete(gone);

        var error = Assert.Throws<FileNotFoundException>(() => Flatten(loader, 1));

        Assert.Contains(gone, error.Message);
    }

    [Fact]
    public void Epoch_SkipBad_SkipsTheSampleAndRecordsIt()
    {
        var bad = Path.Combine(dir.Path, "audio_frames", videos[0], "002.npy");
        File.WriteAllBytes(bad, File.ReadAllBytes(bad)[..100]);
        var loader = Loader(2, skipBad: true);

        var pairs = 0;
        using (torch.NewDisposeScope())
            foreach (var batch in loader.Epoch(3, torch.CPU))
                pairs += (int)batch.Audio.shape[0];

        Assert.Equal(8, pairs);
        var problem = Assert.Single(loader.Problems);
        Assert.StartsWith($"{videos[0]} second 2: skipped:", problem);
        Assert.Contains(bad, problem);
    }
}
