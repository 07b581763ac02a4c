using Csol.Learning.Data;
using Csol.Learning.Data.Images;
using Csol.Learning.Data.Loading;
using Csol.Learning.Data.Music;
using Csol.Learning.Data.Npy;
using Csol.Learning.Experiments;
using TorchSharp;

namespace Csol.Learning.Training.Data;

/// <summary>A MUSIC-layout folder (MUSIC, a MUSIC-Clipart build) as stage one's data: the training split's seconds through
/// <see cref="CorrespondenceBatchLoader"/>; the validation split's seconds (<c>data.validationSplit</c>, no boxes) for
/// model selection; and the annotated test frames (<c>solotest.json</c> keys with ≥ 1 box, audio = that second's log-mel,
/// boxes = <c>normbox</c>), scored once at the selected epoch.</summary>
/// <remarks>Validation pairs: a frame of each validation second and a frame of another validation video, drawn from one
/// fixed seed with eval transforms, so every epoch is scored on the same pairs. Test negatives: for
/// each annotated frame, an annotated frame of another test video, drawn once from a fixed seed. Test frames are decoded
/// batch by batch (all of MUSIC's solo test at 224 px would be about 8 GB in memory); only paths are kept.</remarks>
public sealed class MusicStageOneData : IStageOneData
{
    private const int NegativeSeed = 7919;
    /// <summary>One fixed seed for the validation pairs, so the validation loss of two epochs compares the same pairs.</summary>
    private const int ValidationSeed = 104_729;

    private readonly MusicClipIndex index;
    private readonly FrameTransformOptions transforms;
    private readonly int workers;
    private readonly MusicClipIndex? validationIndex;
    private readonly TestFrame[] test;
    private readonly int[] testNegatives;

    private MusicStageOneData(MusicClipIndex index, MusicClipIndex? validationIndex, IReadOnlyList<int> classes,
        FrameTransformOptions transforms, int workers, TestFrame[] test)
    {
        this.index = index;
        this.validationIndex = validationIndex;
        this.transforms = transforms;
        this.workers = workers;
        this.test = test;
        TrainClasses = classes;
        var random = new Random(NegativeSeed);
        testNegatives = test.Select(v => Enumerable.Range(0, 1000)
            .Select(_ => random.Next(test.Length)).FirstOrDefault(n => test[n].Video != v.Video, -1)).ToArray();
        if (testNegatives.Contains(-1))
            throw new InvalidDataException("The test frames need annotated frames from at least 2 videos (negatives come from another video).");
        TestFrames = test.Select(v => (v.Key, v.Boxes)).ToArray();
    }

    public int TrainClipCount => index.Clips.Count;
    /// <summary>The training seconds, for <see cref="CachedStageOneData"/>.</summary>
    public MusicClipIndex TrainSeconds => index;
    /// <summary>The frame transforms (train resize and crop; eval resize to <see cref="ImageSize"/>).</summary>
    public FrameTransformOptions Transforms => transforms;
    /// <summary>Loader threads (<c>data.loaderWorkers</c>).</summary>
    public int Workers => workers;
    public IReadOnlyList<int> TrainClasses { get; }
    public int ImageSize => transforms.CropSize;
    public IReadOnlyList<(string Key, IReadOnlyList<NormalizedBox> Boxes)> TestFrames { get; }
    public bool HasValidation => validationIndex is not null;
    public bool ValidationHasBoxes => false;

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
        return new MusicStageOneData(index, ValidationIndex(data, root), classes, transforms, data.LoaderWorkers, ReadTest(data, root, classSpace));
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
        if (validationIndex is null)
            yield break;
        var loader = new CorrespondenceBatchLoader(validationIndex,
            new BatchLoaderOptions(batchSize, workers, Train: false, Shuffle: false, Transforms: transforms with { FlipProbability = 0 }));
        foreach (var batch in loader.Epoch(ValidationSeed, device, cancellationToken))
        {
            var count = (int)batch.Audio.shape[0];
            yield return new ValidationBatch(batch, Enumerable.Repeat((IReadOnlyList<NormalizedBox>)[], count).ToArray(),
                Enumerable.Range(0, count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray());
        }
    }

    public IEnumerable<ValidationBatch> Test(int batchSize, torch.Device device, CancellationToken cancellationToken)
    {
        var audioLength = NpyFile.LogMelShape[0] * NpyFile.LogMelShape[1];
        var imageLength = 3 * ImageSize * ImageSize;
        foreach (var chunk in Enumerable.Range(0, test.Length).Chunk(batchSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var audio = new float[chunk.Length * audioLength];
            var images = new float[2 * chunk.Length * imageLength];
            var labels = new float[2 * chunk.Length];
            // Decoded here, one batch at a time, on the loader's workers.
            Parallel.For(0, chunk.Length, new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellationToken }, i =>
            {
                var frame = test[chunk[i]];
                NpyFile.ReadFloat32(frame.AudioPath, NpyFile.LogMelShape).Data.CopyTo(audio, i * audioLength);
                DecodeTest(frame.FramePath).CopyTo(images, 2 * i * imageLength);
                DecodeTest(test[testNegatives[chunk[i]]].FramePath).CopyTo(images, (2 * i + 1) * imageLength);
                labels[2 * i] = 1;
            });
            var batch = new CorrespondenceBatch(
                torch.tensor(audio, [chunk.Length, 1, NpyFile.LogMelShape[0], NpyFile.LogMelShape[1]], device: device),
                torch.tensor(images, [2 * chunk.Length, 3, ImageSize, ImageSize], device: device),
                torch.tensor(labels, device: device), []);
            yield return new ValidationBatch(batch, chunk.Select(i => test[i].Boxes).ToArray(), chunk.Select(i => test[i].Key).ToArray());
        }
    }

    private float[] DecodeTest(string framePath)
    {
        using var bitmap = FrameDecoder.Decode(framePath);
        return FrameTransforms.Test(bitmap, transforms).Chw;
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

    /// <summary>The validation split's seconds, or null when the list is missing, empty, or holds one video (its
    /// negatives must come from another video).</summary>
    private static MusicClipIndex? ValidationIndex(ProceduralDataConfig data, string root)
    {
        var list = MusicDataPaths.ValidationSplit(data);
        if (!File.Exists(list))
            return null;
        var validation = MusicClipIndex.Build(root, SplitListReader.Read(list));
        return validation.Clips.Select(c => c.Video).Distinct().Count() >= 2 ? validation : null;
    }

    private static TestFrame[] ReadTest(ProceduralDataConfig data, string root, ClassSpace classSpace)
    {
        var file = MusicDataPaths.TestAnnotations(data);
        var annotated = FrameAnnotationReader.Read(file, classSpace).Where(a => a.HasBoxes);
        var resolved = AnnotatedFrameResolver.Resolve(annotated, file, Path.Combine(root, MusicClipIndex.FramesFolder),
            nearestInSecond: true, skipBad: false, problems: []);
        if (resolved.Count == 0)
            throw new InvalidDataException($"{file}: no annotated frame with a box");
        return resolved.Select(r =>
        {
            var audioPath = Path.Combine(root, MusicClipIndex.AudioFolder, r.Annotation.Video, $"{r.Annotation.Second:D3}.npy");
            if (!File.Exists(audioPath))
                throw new FileNotFoundException($"{file}: {r.Annotation.Key}: no audio for its second ({audioPath})", audioPath);
            return new TestFrame(r.Annotation.Key, r.Annotation.Video, r.Annotation.Boxes.Select(b => b.Box).ToArray(), audioPath, r.FramePath);
        }).ToArray();
    }

    private sealed record TestFrame(string Key, string Video, IReadOnlyList<NormalizedBox> Boxes, string AudioPath, string FramePath);
}
