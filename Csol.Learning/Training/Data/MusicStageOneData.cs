using Csol.Learning.Data;
using Csol.Learning.Data.Images;
using Csol.Learning.Data.Loading;
using Csol.Learning.Data.Music;
using Csol.Learning.Data.Npy;
using Csol.Learning.Experiments;
using TorchSharp;

namespace Csol.Learning.Training.Data;

/// <summary>A MUSIC-layout folder (MUSIC, a MUSIC-Clipart build) as stage one's data: the training split's seconds through
/// <see cref="CorrespondenceBatchLoader"/>, and the annotated test frames (<c>solotest.json</c> keys with ≥ 1 box, audio =
/// that second's log-mel, boxes = <c>normbox</c>) for validation.</summary>
/// <remarks>Validation negatives: for each annotated frame, an annotated frame of another test video, drawn once from a
/// fixed seed so every epoch is scored on the same pairs. Validation tensors are decoded once and kept in memory.</remarks>
public sealed class MusicStageOneData : IStageOneData
{
    private const int NegativeSeed = 7919;

    private readonly MusicClipIndex index;
    private readonly FrameTransformOptions transforms;
    private readonly int workers;
    private readonly ValidationFrame[] validation;
    private readonly int[] validationNegatives;

    private MusicStageOneData(MusicClipIndex index, IReadOnlyList<int> classes, FrameTransformOptions transforms, int workers, ValidationFrame[] validation)
    {
        this.index = index;
        this.transforms = transforms;
        this.workers = workers;
        this.validation = validation;
        TrainClasses = classes;
        var random = new Random(NegativeSeed);
        validationNegatives = validation.Select(v => Enumerable.Range(0, 1000)
            .Select(_ => random.Next(validation.Length)).FirstOrDefault(n => validation[n].Video != v.Video, -1)).ToArray();
        if (validationNegatives.Contains(-1))
            throw new InvalidDataException("Validation needs annotated frames from at least 2 videos (negatives come from another video).");
        ValidationFrames = validation.Select(v => (v.Key, v.Boxes)).ToArray();
    }

    public int TrainClipCount => index.Clips.Count;
    public IReadOnlyList<int> TrainClasses { get; }
    public int ImageSize => transforms.CropSize;
    public IReadOnlyList<(string Key, IReadOnlyList<NormalizedBox> Boxes)> ValidationFrames { get; }

    /// <summary>The usable training seconds of <c>config.data</c> (what one epoch iterates), without reading frames.</summary>
    public static int CountTrainClips(ExperimentConfig config) => TrainIndex(config.Data).Clips.Count;

    private static MusicClipIndex TrainIndex(ProceduralDataConfig data)
        => MusicClipIndex.Build(Path.GetFullPath(data.Root!), SplitListReader.Read(MusicDataPaths.TrainSplit(data)));

    /// <summary>Reads the split, class lists and annotations of <c>config.data</c> (paths already validated).</summary>
    public static MusicStageOneData Open(ExperimentConfig config)
    {
        var data = config.Data;
        var root = Path.GetFullPath(data.Root!);
        var classSpace = ClassSpace.ForFolder(root);
        var index = TrainIndex(data);
        if (index.Clips.Count == 0)
            throw new InvalidDataException($"{MusicDataPaths.TrainSplit(data)}: no usable second ({string.Join("; ", index.Problems.Take(3))})");

        var soloVideos = MusicDataPaths.SoloVideos(data);
        var classByVideo = MusicVideosReader.Read(soloVideos, classSpace).ClassesByVideo(soloVideos, classSpace);
        var classes = index.Clips.Select(c => classByVideo.TryGetValue(MusicVideoNames.YouTubeId(c.Video), out var labels)
            ? labels[0]
            : throw new InvalidDataException($"{soloVideos}: training video {c.Video} is in no class list")).ToArray();

        // Spec §1.1's 256 → 224 train resize/crop, scaled to the configured size.
        var size = data.ImageSize;
        var transforms = new FrameTransformOptions(ResizeSize: size * 256 / 224, CropSize: size, FlipProbability: data.FlipProbability);
        return new MusicStageOneData(index, classes, transforms, data.LoaderWorkers, ReadValidation(data, root, classSpace, transforms));
    }

    public int BatchCount(int batchSize) => (index.Clips.Count + batchSize - 1) / batchSize;

    public IEnumerable<CorrespondenceBatch> LocalizationEpoch(int seed, int batchSize, torch.Device device, CancellationToken cancellationToken)
        => new CorrespondenceBatchLoader(index, new BatchLoaderOptions(batchSize, workers, Transforms: transforms))
            .Epoch(seed, device, cancellationToken);

    public IEnumerable<PositiveBatch> Positives(int seed, int batchSize, bool train, torch.Device device, CancellationToken cancellationToken)
    {
        var order = Enumerable.Range(0, index.Clips.Count).ToArray();
        if (train)
            new Random(seed).Shuffle(order);
        var plan = order.Chunk(batchSize).ToArray();
        using var pipeline = new PrefetchPipeline<(float[] Audio, float[] Images)>(plan.Length, workers, window: 4,
            b => LoadPositives(plan[b], seed, b * batchSize, train), cancellationToken);
        for (var b = 0; b < plan.Length; b++)
        {
            var (audio, images) = pipeline.Take(b);
            var count = plan[b].Length;
            yield return new PositiveBatch(
                torch.tensor(audio, [count, 1, NpyFile.LogMelShape[0], NpyFile.LogMelShape[1]], device: device),
                torch.tensor(images, [count, 3, ImageSize, ImageSize], device: device), plan[b]);
        }
    }

    public IEnumerable<ValidationBatch> Validation(int batchSize, torch.Device device, CancellationToken cancellationToken)
    {
        var audioLength = NpyFile.LogMelShape[0] * NpyFile.LogMelShape[1];
        var imageLength = 3 * ImageSize * ImageSize;
        foreach (var chunk in Enumerable.Range(0, validation.Length).Chunk(batchSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var audio = new float[chunk.Length * audioLength];
            var images = new float[2 * chunk.Length * imageLength];
            var labels = new float[2 * chunk.Length];
            for (var i = 0; i < chunk.Length; i++)
            {
                var frame = validation[chunk[i]];
                frame.Audio.CopyTo(audio, i * audioLength);
                frame.Image.CopyTo(images, 2 * i * imageLength);
                validation[validationNegatives[chunk[i]]].Image.CopyTo(images, (2 * i + 1) * imageLength);
                labels[2 * i] = 1;
            }
            var batch = new CorrespondenceBatch(
                torch.tensor(audio, [chunk.Length, 1, NpyFile.LogMelShape[0], NpyFile.LogMelShape[1]], device: device),
                torch.tensor(images, [2 * chunk.Length, 3, ImageSize, ImageSize], device: device),
                torch.tensor(labels, device: device), []);
            yield return new ValidationBatch(batch, chunk.Select(i => validation[i].Boxes).ToArray(), chunk.Select(i => validation[i].Key).ToArray());
        }
    }

    private (float[] Audio, float[] Images) LoadPositives(int[] clipIndices, int seed, int firstPosition, bool train)
    {
        var audioLength = NpyFile.LogMelShape[0] * NpyFile.LogMelShape[1];
        var imageLength = 3 * ImageSize * ImageSize;
        var audio = new float[clipIndices.Length * audioLength];
        var images = new float[clipIndices.Length * imageLength];
        for (var i = 0; i < clipIndices.Length; i++)
        {
            var clip = index.Clips[clipIndices[i]];
            NpyFile.ReadFloat32(clip.AudioPath, NpyFile.LogMelShape).Data.CopyTo(audio, i * audioLength);
            float[] chw;
            if (train)
            {
                // A random frame of the second with train transforms (spec §2.3's classification pairs).
                var random = new Random(ItemSeeds.For(seed, firstPosition + i));
                using var bitmap = FrameDecoder.Decode(clip.Frames[random.Next(clip.Frames.Count)]);
                chw = FrameTransforms.Train(bitmap, transforms, random).Chw;
            }
            else
            {
                // Deviation (as for the procedural set): features for clustering come from the second's first frame
                // with eval transforms, so a clustering is a function of the weights alone.
                using var bitmap = FrameDecoder.Decode(clip.Frames[0]);
                chw = FrameTransforms.Test(bitmap, transforms).Chw;
            }
            chw.CopyTo(images, i * imageLength);
        }
        return (audio, images);
    }

    private static ValidationFrame[] ReadValidation(ProceduralDataConfig data, string root, ClassSpace classSpace, FrameTransformOptions transforms)
    {
        var file = MusicDataPaths.TestAnnotations(data);
        var annotated = FrameAnnotationReader.Read(file, classSpace).Where(a => a.HasBoxes);
        var resolved = AnnotatedFrameResolver.Resolve(annotated, file, Path.Combine(root, MusicClipIndex.FramesFolder),
            nearestInSecond: true, skipBad: false, problems: []);
        if (resolved.Count == 0)
            throw new InvalidDataException($"{file}: no annotated frame with a box");
        return resolved.AsParallel().AsOrdered().Select(r =>
        {
            var audioPath = Path.Combine(root, MusicClipIndex.AudioFolder, r.Annotation.Video, $"{r.Annotation.Second:D3}.npy");
            if (!File.Exists(audioPath))
                throw new FileNotFoundException($"{file}: {r.Annotation.Key}: no audio for its second ({audioPath})", audioPath);
            using var bitmap = FrameDecoder.Decode(r.FramePath);
            return new ValidationFrame(r.Annotation.Key, r.Annotation.Video, r.Annotation.Boxes.Select(b => b.Box).ToArray(),
                NpyFile.ReadFloat32(audioPath, NpyFile.LogMelShape).Data, FrameTransforms.Test(bitmap, transforms).Chw);
        }).ToArray();
    }

    private sealed record ValidationFrame(string Key, string Video, IReadOnlyList<NormalizedBox> Boxes, float[] Audio, float[] Image);
}
