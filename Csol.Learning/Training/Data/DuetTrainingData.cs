using Csol.Learning.Data;
using Csol.Learning.Data.Images;
using Csol.Learning.Data.Loading;
using Csol.Learning.Data.Music;
using Csol.Learning.Data.Npy;
using Csol.Learning.Experiments;

namespace Csol.Learning.Training.Data;

/// <summary>The seconds of the duet training videos (<c>stageTwo.duetTrainSplit</c>) that duet fine-tuning trains on:
/// each second's log-mel of both instruments with one of its frames, and the video's two classes from
/// <c>MUSIC_label/MUSIC_duet_videos.json</c>.</summary>
/// <remarks>One frame per second, drawn once from the run's seed (the reference draws one per use; with one epoch that
/// is the same). Frames get stage two's test transform at <c>stageTwo.imageSize</c>, the size the duet test frames are
/// scored at, so the frozen audio logits computed once per second stay exact. The classes only steer negatives towards
/// frames showing neither heard instrument (<see cref="ProceduralCocktailPartySet.PickNegative"/>); no box is read.
/// Frames are decoded up front, like the synthetic composites: about 0.6 MB a second at 224².</remarks>
public static class DuetTrainingData
{
    /// <summary>Frames are drawn from their own seed stream, apart from stage one's and stage two's.</summary>
    public const int FrameSeedOffset = 4_000_037;

    public const string DuetVideosFile = "MUSIC_label/MUSIC_duet_videos.json";

    /// <summary>How many seconds <see cref="TrainSet"/> holds, without decoding them.</summary>
    public static int CountSeconds(ExperimentConfig config) => Index(config).Clips.Count;

    public static ProceduralCocktailPartySet TrainSet(ExperimentConfig config)
    {
        var root = Root(config);
        var index = Index(config);
        var classes = ClassSpace.ForFolder(root);
        var videosFile = Path.Combine(root, DuetVideosFile);
        if (!File.Exists(videosFile))
            throw new FileNotFoundException($"{videosFile} not found: duet fine-tuning needs each duet video's two classes.", videosFile);
        var byVideo = MusicVideosReader.Read(videosFile, classes).ClassesByVideo(videosFile, classes);
        var random = new Random(config.Seed + FrameSeedOffset);
        var picks = index.Clips.Select(c => c.Frames[random.Next(c.Frames.Count)]).ToArray();
        var shape = config.Data with
        {
            ImageSize = config.StageTwo.ImageSize ?? config.Data.ImageSize,
            AudioFrames = NpyFile.LogMelShape[0],
            MelBands = NpyFile.LogMelShape[1],
        };
        var composites = index.Clips.AsParallel().AsOrdered().Select((clip, i) =>
        {
            if (!byVideo.TryGetValue(MusicVideoNames.YouTubeId(clip.Video), out var labels))
                throw new InvalidDataException($"{videosFile}: does not list duet video {clip.Video} of {SplitPath(config)}");
            var objects = labels.Select(c => new CompositeObject(c, default, Sounding: true)).ToArray();
            var audio = NpyFile.ReadFloat32(clip.AudioPath, NpyFile.LogMelShape).Data;
            return new ProceduralComposite(i, Image(picks[i], shape.ImageSize), audio, objects);
        }).ToArray();
        return ProceduralCocktailPartySet.FromComposites(shape, composites);
    }

    private static MusicClipIndex Index(ExperimentConfig config)
    {
        var split = SplitPath(config);
        var videos = SplitListReader.Read(split);
        var index = MusicClipIndex.Build(Root(config), videos);
        if (index.Clips.Count == 0)
            throw new InvalidDataException($"{split}: no usable second (frame folder and log-mel) in its {videos.Count} videos"
                + (index.Problems.Count > 0 ? $"; first problem: {index.Problems[0]}" : ""));
        return index;
    }

    private static string SplitPath(ExperimentConfig config) => StageTwoData.Under(config, config.StageTwo.DuetTrainSplit
        ?? throw new InvalidOperationException("stageTwo.duetTrainSplit is not set: the pipeline has no duet step"));

    private static string Root(ExperimentConfig config)
        => Path.GetFullPath(config.Data.Root ?? throw new InvalidOperationException("data.root is not set"));

    private static float[] Image(string path, int size)
    {
        using var bitmap = FrameDecoder.Decode(path);
        return FrameTransforms.Test(bitmap, new FrameTransformOptions(ResizeSize: size, CropSize: size)).Chw;
    }
}
