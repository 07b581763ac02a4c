using Csol.Learning.Data;
using Csol.Learning.Data.Music;
using Csol.Learning.Experiments;
using Csol.Learning.Training.Data;

namespace Csol.Learning.Detection;

/// <summary>The detection kind's images: stage two's training composites (pseudo-boxes are made on them) and the
/// annotated test sets.</summary>
public static class DetectionData
{
    /// <summary>Procedural: stage two's held-out composites (named <c>composites</c>). Music: each of
    /// <c>detection.testAnnotations</c> (named by file, e.g. <c>solotest</c>), every annotated frame with its boxes.</summary>
    /// <exception cref="InvalidDataException">A test set without any box: AP is undefined there.</exception>
    public static IReadOnlyList<(DetectionSet Set, ProceduralCocktailPartySet Frames)> TestSets(ExperimentConfig config)
    {
        if (!StageTwoData.IsMusic(config))
        {
            var composites = StageTwoData.TestSet(config);
            return [(RequireBoxes(DetectionSet.FromComposites("composites", composites), "the procedural test composites"), composites)];
        }
        var classes = ClassSpace.ForFolder(Path.GetFullPath(config.Data.Root!));
        return config.Detection.TestAnnotations.Select(file =>
        {
            var path = StageTwoData.Under(config, file);
            if (!FrameAnnotationReader.Read(path, classes).Any(a => a.HasBoxes))
                throw new InvalidDataException(
                    $"{path}: no annotated frame has a box; detection.testAnnotations must name a test split with boxes to score AP against");
            var frames = StageTwoData.TestSet(config with { StageTwo = config.StageTwo with { TestAnnotations = file } });
            return (RequireBoxes(DetectionSet.FromComposites(Path.GetFileNameWithoutExtension(file), frames), path), frames);
        }).ToArray();
    }

    /// <summary>The name of the test set whose images are stage two's evaluation images (so the Visualizations page can
    /// draw its detections over them), or null.</summary>
    public static string? VisualizedSet(ExperimentConfig config)
        => !StageTwoData.IsMusic(config) ? "composites"
            : config.StageTwo.TestAnnotations is { } file && config.Detection.TestAnnotations.Contains(file) ? Path.GetFileNameWithoutExtension(file)
            : null;

    public static DetectionSet RequireBoxes(DetectionSet set, string source)
        => set.BoxCount > 0 ? set
            : throw new InvalidDataException(
                $"{source}: none of its {set.Images.Count} test images has a box; a detection test split needs boxes to score AP against");
}
