using System.Globalization;

namespace Csol.Learning.Experiments;

/// <summary>Checks of <see cref="StageTwoConfig"/> and of what the <c>pipeline</c> kind needs from the rest.</summary>
internal static class StageTwoConfigValidator
{
    /// <summary>A composite shows four different classes (spec §1.3).</summary>
    public const int MinClasses = 4;

    public static IEnumerable<ConfigError> Validate(ExperimentConfig config, string source)
    {
        if (!ExperimentKinds.RunsPipeline(config.Kind))
            yield break;
        var s = config.StageTwo;
        (string Field, double Value, double Min, double Max)[] ranges =
        [
            ("stageTwo.trainComposites", s.TrainComposites, 4, 100_000),
            ("stageTwo.testComposites", s.TestComposites, 1, 100_000),
            ("stageTwo.epochs", s.Epochs, 1, 1000),
            ("stageTwo.batchSize", s.BatchSize, 1, 1024),
            ("stageTwo.learningRate", s.LearningRate, 1e-7, 1),
            ("stageTwo.weightDecay", s.WeightDecay, 0, 1),
            ("stageTwo.locWeight", s.LocWeight, 0, 100),
            ("stageTwo.gainJitterDb", s.GainJitterDb, 0, 20),
            ("stageTwo.relativeThreshold", s.RelativeThreshold, 0, 0.99),
            ("stageTwo.silentThreshold", s.SilentThreshold, 0, 1),
            ("stageTwo.probabilityScale", s.ProbabilityScale, 0.01, 100),
            ("stageTwo.soundingVerdictThreshold", s.SoundingVerdictThreshold, 0, 1),
            ("stageTwo.baselineSeed", s.BaselineSeed, 0, int.MaxValue),
            ("stageTwo.pictures", s.Pictures, 0, 1000),
            ("stageTwo.duetEpochs", s.DuetEpochs, 1, 100),
            ("stageTwo.duetLearningRate", s.DuetLearningRate ?? s.LearningRate, 1e-7, 1),
        ];
        foreach (var (field, value, min, max) in ranges)
            if (!(value >= min && value <= max))
                yield return new ConfigError(source, field, $"must be between {Format(min)} and {Format(max)}, got {Format(value)}");

        if (config.Data.Source == ProceduralDataConfig.MusicSource && config.Data.Root is { } root && Directory.Exists(root))
        {
            // A missing data.root is reported once by the data checks; these only look inside an existing one.
            string Under(string path) => Path.GetFullPath(path, Path.GetFullPath(root));
            if (!Directory.Exists(Under(s.TrainFolder)))
                yield return new ConfigError(source, "stageTwo.trainFolder",
                    $"folder not found: \"{Under(s.TrainFolder)}\" (MUSIC-Synthetic layout: audio/, video/)");
            if (s.DuetTrainSplit is { } duet && !File.Exists(Under(duet)))
                yield return new ConfigError(source, "stageTwo.duetTrainSplit",
                    $"file not found: \"{Under(duet)}\" (a split list of duet training videos, e.g. duet/duet_pairs_train.txt)");
            if (s.TestAnnotations is { } annotations)
            {
                if (!File.Exists(Under(annotations)))
                    yield return new ConfigError(source, "stageTwo.testAnnotations", $"file not found: \"{Under(annotations)}\"");
            }
            else if (!Directory.Exists(Path.Combine(Under(s.TestFolder), "box")))
                yield return new ConfigError(source, "stageTwo.testFolder",
                    $"\"{Under(s.TestFolder)}\" has no box/ folder (MUSIC-Synthetic test layout: audio/, video/, box/)");
        }
        if (s.ObjectMapInit is not (StageTwoConfig.ReferenceObjectMapInit or StageTwoConfig.IdentityObjectMapInit))
            yield return new ConfigError(source, "stageTwo.objectMapInit",
                $"must be \"{StageTwoConfig.IdentityObjectMapInit}\" or \"{StageTwoConfig.ReferenceObjectMapInit}\", got \"{s.ObjectMapInit}\"");
        var music = config.Data.Source == ProceduralDataConfig.MusicSource;
        if (s.DuetTrainSplit is not null && !music)
            yield return new ConfigError(source, "stageTwo.duetTrainSplit", "only for data.source \"music\" (duet fine-tuning reads duet videos)");
        if (s.ImageSize is { } side)
        {
            if (!music)
                yield return new ConfigError(source, "stageTwo.imageSize",
                    "only for data.source \"music\" (procedural composites are drawn at data.imageSize)");
            else if (side is < 32 or > 1024 || side % 32 != 0)
                yield return new ConfigError(source, "stageTwo.imageSize",
                    $"must be a multiple of 32 between 32 and 1024 (each quadrant a whole number of 16-px map cells), got {side}");
        }
        if (!music && config.Data.Classes < MinClasses)
            yield return new ConfigError(source, "data.classes",
                $"the pipeline's 2×2 composites need at least {MinClasses} classes, got {config.Data.Classes}");
        if (!config.Training.UseClassTask)
            yield return new ConfigError(source, "training.useClassTask", "the pipeline needs stage one's object dictionary, so it must be true");
        else if (config.Training.ClassPhaseFromEpoch > config.Training.Epochs - 1)
            yield return new ConfigError(source, "training.classPhaseFromEpoch",
                $"must be at most training.epochs − 1 ({config.Training.Epochs - 1}) so stage one builds a dictionary, got "
                    + $"{config.Training.ClassPhaseFromEpoch}");
        if (!music && config.Training.Clusters < config.Data.Classes)
            yield return new ConfigError(source, "training.clusters",
                $"matching gives every class at least one cluster, so it must be at least data.classes ({config.Data.Classes}), got "
                    + $"{config.Training.Clusters}");
        if (music && config.Data.Root is { } folder && Directory.Exists(folder)
            && Data.Music.ClassSpace.ForFolder(Path.GetFullPath(folder)).Count is var classes && config.Training.Clusters < classes)
            yield return new ConfigError(source, "training.clusters",
                $"matching gives every class at least one cluster, so it must be at least the {classes} classes of "
                    + $"{Path.Combine(folder, Data.Music.ClassSpace.CategoriesFile)}, got {config.Training.Clusters}");
    }

    private static string Format(double value) => value.ToString("G", CultureInfo.InvariantCulture);
}
