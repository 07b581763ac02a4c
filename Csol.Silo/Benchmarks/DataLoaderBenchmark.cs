using System.Diagnostics;
using Csol.Learning.Data.Images;
using TorchSharp;
using Csol.Learning.Data.Loading;

namespace Csol.Silo.Benchmarks;

/// <summary>Loader throughput: pairs per second for given settings.</summary>
public sealed record LoaderThroughput(int Workers, int BatchSize, int Batches, int Samples, double Seconds)
{
    public double SamplesPerSecond => Samples / Seconds;
}

/// <summary>
/// Measures <see cref="CorrespondenceBatchLoader"/> on a generated MUSIC-layout folder in a temp dir: batches of
/// <paramref name="batchSize"/> pairs with the spec's train augmentation (two 3×224×224 frames and one 1×201×64 log-mel
/// per pair). The folder is generated before timing starts and deleted afterwards.
/// </summary>
public static class DataLoaderBenchmark
{
    public static LoaderThroughput Measure(int workers, int batchSize = 32, int batches = 4, int frameWidth = 640, int frameHeight = 360,
        int seed = 0)
    {
        var root = Path.Combine(Path.GetTempPath(), $"csol-loader-bench-{Guid.NewGuid():N}");
        try
        {
            var samples = batchSize * batches;
            var videos = 8;
            MusicLayoutGenerator.Write(root, videos, seconds: (samples + videos - 1) / videos, framesPerSecond: 1, frameWidth, frameHeight, seed);
            var index = MusicClipIndex.Build(root);
            var loader = new CorrespondenceBatchLoader(index, new BatchLoaderOptions(batchSize, workers, Transforms: new FrameTransformOptions()));
            var clock = Stopwatch.StartNew();
            var count = 0;
            foreach (var batch in loader.Epoch(seed, torch.CPU))
            {
                count += (int)batch.Audio.shape[0];
                batch.Audio.Dispose();
                batch.Images.Dispose();
                batch.Labels.Dispose();
            }
            return new LoaderThroughput(workers, batchSize, loader.BatchCount, count, clock.Elapsed.TotalSeconds);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
