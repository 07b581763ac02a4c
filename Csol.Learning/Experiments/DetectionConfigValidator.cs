using System.Globalization;

namespace Csol.Learning.Experiments;

/// <summary>Checks of <see cref="DetectionConfig"/> for the <c>detection</c> kind (which also needs the pipeline's).</summary>
internal static class DetectionConfigValidator
{
    public static IEnumerable<ConfigError> Validate(ExperimentConfig config, string source)
    {
        if (config.Kind != ExperimentKinds.Detection)
            yield break;
        var d = config.Detection;
        var (boxes, detector) = (d.PseudoBoxes, d.Detector);
        (string Field, double Value, double Min, double Max)[] ranges =
        [
            ("detection.iouThreshold", d.IoUThreshold, 0.05, 0.95),
            ("detection.baselineSeed", d.BaselineSeed, 0, int.MaxValue),
            ("detection.randomBoxesPerImage", d.RandomBoxesPerImage, 1, 1000),
            ("detection.pseudoBoxes.relativeThreshold", boxes.RelativeThreshold, 0.01, 1),
            ("detection.pseudoBoxes.minPeak", boxes.MinPeak, 0, 1),
            ("detection.pseudoBoxes.minArea", boxes.MinArea, 0, 1),
            ("detection.pseudoBoxes.nmsIoU", boxes.NmsIoU, 0, 1),
            ("detection.detector.headChannels", detector.HeadChannels, 4, 1024),
            ("detection.detector.upsampleLayers", detector.UpsampleLayers, 0, 4),
            ("detection.detector.epochs", detector.Epochs, 1, 10_000),
            ("detection.detector.batchSize", detector.BatchSize, 1, 1024),
            ("detection.detector.learningRate", detector.LearningRate, 1e-7, 1),
            ("detection.detector.weightDecay", detector.WeightDecay, 0, 1),
            ("detection.detector.sizeWeight", detector.SizeWeight, 0, 100),
            ("detection.detector.offsetWeight", detector.OffsetWeight, 0, 100),
            ("detection.detector.minOverlap", detector.MinOverlap, 0.1, 0.99),
            ("detection.detector.flipProbability", detector.FlipProbability, 0, 1),
            ("detection.detector.topK", detector.TopK, 1, 1000),
        ];
        foreach (var (field, value, min, max) in ranges)
            if (!(value >= min && value <= max))
                yield return new ConfigError(source, field, $"must be between {Format(min)} and {Format(max)}, got {Format(value)}");
        if (boxes.Score is not (PseudoBoxConfig.MeanScore or PseudoBoxConfig.MaxScore))
            yield return new ConfigError(source, "detection.pseudoBoxes.score", $"must be \"mean\" or \"max\", got \"{boxes.Score}\"");
        if (boxes.Maps is not (PseudoBoxConfig.SoundingMaps or PseudoBoxConfig.VisualMaps))
            yield return new ConfigError(source, "detection.pseudoBoxes.maps", $"must be \"sounding\" or \"visual\", got \"{boxes.Maps}\"");
        if (!DetectorConfig.Inits.Contains(detector.Init))
            yield return new ConfigError(source, "detection.detector.init",
                $"must be one of {string.Join(", ", DetectorConfig.Inits.Select(i => $"\"{i}\""))}, got \"{detector.Init}\"");
        foreach (var error in TestFiles(config, source))
            yield return error;
    }

    /// <summary>Music: every test file must exist (a file without any box is refused when the step reads it).</summary>
    private static IEnumerable<ConfigError> TestFiles(ExperimentConfig config, string source)
    {
        if (config.Data.Source != ProceduralDataConfig.MusicSource || config.Data.Root is not { } root || !Directory.Exists(root))
            yield break;
        if (config.Detection.TestAnnotations.Count == 0)
            yield return new ConfigError(source, "detection.testAnnotations", "needs at least one annotated test file (e.g. \"solotest.json\")");
        foreach (var file in config.Detection.TestAnnotations)
            if (!File.Exists(Path.GetFullPath(file, Path.GetFullPath(root))))
                yield return new ConfigError(source, "detection.testAnnotations",
                    $"file not found: \"{Path.GetFullPath(file, Path.GetFullPath(root))}\"");
    }

    private static string Format(double value) => value.ToString("G", CultureInfo.InvariantCulture);
}
