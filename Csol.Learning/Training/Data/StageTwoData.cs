using Csol.Learning.Data;
using Csol.Learning.Data.Images;
using Csol.Learning.Data.Loading;
using Csol.Learning.Data.Music;
using Csol.Learning.Data.Npy;
using Csol.Learning.Evaluation;
using Csol.Learning.Experiments;

namespace Csol.Learning.Training.Data;

/// <summary>Stage two's training and test composites and its class names, for either data source: generated
/// cocktail-party scenes (<c>procedural</c>) or a MUSIC-layout folder (<c>music</c>: its synthetic splits, or the
/// annotated duet frames as test set).</summary>
/// <remarks>Music composites are resized to <c>data.imageSize</c> with the test transform in both modes, as the
/// reference's MUSIC-Synthetic dataset resizes without cropping (spec §1.1); training does not augment them, so the
/// frozen audio logits computed once per composite stay exact. Box rows of a training folder are used only to pick
/// negatives that show none of the heard classes; without <c>box/</c> (the reference's training folders) negatives are
/// random other composites.</remarks>
public static class StageTwoData
{
    public static bool IsMusic(ExperimentConfig config) => config.Data.Source == ProceduralDataConfig.MusicSource;

    public static IReadOnlyList<string> ClassNames(ExperimentConfig config)
        => IsMusic(config) ? ClassSpace.ForFolder(Root(config)).Names : StageTwoEvaluation.ClassNames(config.Data.Classes);

    public static ProceduralCocktailPartySet TrainSet(ExperimentConfig config)
        => IsMusic(config)
            ? ReadSynthetic(config, Under(config, config.StageTwo.TrainFolder), requireBoxes: false)
            : ProceduralCocktailPartySet.Generate(config.Data, config.StageTwo.TrainComposites, config.Seed + StageTwoTrainer.TrainSeedOffset,
                config.StageTwo.GainJitterDb);

    /// <summary>How many composites <see cref="TrainSet"/> holds, without reading them.</summary>
    public static int CountTrainComposites(ExperimentConfig config)
        => IsMusic(config) ? MusicSyntheticReader.ReadFolder(Under(config, config.StageTwo.TrainFolder)).Count : config.StageTwo.TrainComposites;

    public static ProceduralCocktailPartySet TestSet(ExperimentConfig config)
        => !IsMusic(config) ? StageTwoEvaluation.TestSet(config)
            : config.StageTwo.TestAnnotations is { } annotations ? ReadAnnotatedFrames(config, Under(config, annotations))
            : ReadSynthetic(config, Under(config, config.StageTwo.TestFolder), requireBoxes: true);

    public static string Under(ExperimentConfig config, string path) => Path.GetFullPath(path, Root(config));

    private static string Root(ExperimentConfig config)
        => Path.GetFullPath(config.Data.Root ?? throw new InvalidOperationException("data.root is not set"));

    private static ProceduralDataConfig Shape(ExperimentConfig config)
        => config.Data with
        {
            ImageSize = config.StageTwo.ImageSize ?? config.Data.ImageSize,
            AudioFrames = NpyFile.LogMelShape[0],
            MelBands = NpyFile.LogMelShape[1]
        };

    private static ProceduralCocktailPartySet ReadSynthetic(ExperimentConfig config, string folder, bool requireBoxes)
    {
        var classes = ClassSpace.ForFolder(Root(config));
        var samples = MusicSyntheticReader.ReadFolder(folder);
        if (samples.Count == 0)
            throw new InvalidDataException($"{folder}: no composite (audio/*.npy + video/*.jpg)");
        if (requireBoxes && samples[0].BoxPath is null)
            throw new InvalidDataException($"{folder}: a test folder needs box/*.npy (the boxes and classes of each composite)");
        var shape = Shape(config);
        var composites = samples.AsParallel().AsOrdered().Select(s =>
        {
            var boxes = s.BoxPath is null ? [] : MusicSyntheticReader.ReadBoxes(s.BoxPath, classes);
            var objects = boxes.Select(b => new CompositeObject(b.ClassIndex, b.Box, b.Sounding)).ToArray();
            return new ProceduralComposite(s.Index, Image(s.FramePath, shape.ImageSize), NpyFile.ReadFloat32(s.AudioPath, NpyFile.LogMelShape).Data,
                objects);
        }).ToArray();
        return ProceduralCocktailPartySet.FromComposites(shape, composites);
    }

    private static ProceduralCocktailPartySet ReadAnnotatedFrames(ExperimentConfig config, string file)
    {
        var root = Root(config);
        var classes = ClassSpace.ForFolder(root);
        var annotated = FrameAnnotationReader.Read(file, classes).Where(a => a.HasBoxes);
        var resolved = AnnotatedFrameResolver.Resolve(annotated, file, Path.Combine(root, MusicClipIndex.FramesFolder),
            nearestInSecond: true, skipBad: false, problems: []);
        if (resolved.Count == 0)
            throw new InvalidDataException($"{file}: no annotated frame with a box");
        var shape = Shape(config);
        var composites = resolved.AsParallel().AsOrdered().Select((r, i) =>
        {
            var audioPath = Path.Combine(root, MusicClipIndex.AudioFolder, r.Annotation.Video, $"{r.Annotation.Second:D3}.npy");
            if (!File.Exists(audioPath))
                throw new FileNotFoundException($"{file}: {r.Annotation.Key}: no audio for its second ({audioPath})", audioPath);
            var objects = r.Annotation.Boxes.Select(b => new CompositeObject(b.ClassIndex, b.Box, Sounding: true)).ToArray();
            return new ProceduralComposite(i, Image(r.FramePath, shape.ImageSize), NpyFile.ReadFloat32(audioPath, NpyFile.LogMelShape).Data, objects);
        }).ToArray();
        return ProceduralCocktailPartySet.FromComposites(shape, composites);
    }

    private static float[] Image(string path, int size)
    {
        using var bitmap = FrameDecoder.Decode(path);
        return FrameTransforms.Test(bitmap, new FrameTransformOptions(ResizeSize: size, CropSize: size)).Chw;
    }
}
