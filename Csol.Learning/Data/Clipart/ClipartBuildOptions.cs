namespace Csol.Learning.Data.Clipart;

/// <summary>
/// What <c>csol dataset build-clipart</c> builds. The defaults (every class × 18 solo videos × 8 s at 224², a new
/// background and distractors every second, 12 duets) give each class 6 training_1, 6 training_2, 3 validation and 3
/// test videos, and 6 duet training videos in all; measured at 229 s on 2 loaded cores (docs/results.md).
/// <see cref="Small"/> is the build tests use.
/// </summary>
/// <param name="Classes">Class names, or empty for every class the clip-art folder has pictures for.</param>
/// <param name="VideosPerClass">Solo videos per class, shared out over training_1/training_2/validation/testing.</param>
/// <param name="DuetVideos">Duet videos in total (class pairs taken in turn), half for training, half for the duet test.</param>
/// <param name="SyntheticTrain">MUSIC-Synthetic-style 2×2 composites built from training_2 seconds (0 = none).</param>
/// <param name="SyntheticTest">Composites built from validation/testing seconds (test pictures).</param>
/// <param name="AnnotateTraining">Also write <c>solotrain.json</c>: the boxes of every frame of the stage-one training
/// videos (solo_training_1), to tell "cannot localize" from "cannot generalise to unseen drawings".</param>
/// <param name="BackgroundPerSecond">Draw a new background every second instead of one per video, so nothing but the
/// instrument is shared by a video's frames (a per-video background lets stage one match audio to frames by
/// recognising the video's background).</param>
public sealed record ClipartBuildOptions(
    string OutputFolder,
    IReadOnlyList<string> Classes,
    int VideosPerClass = 18,
    int Seconds = 8,
    int Seed = 1,
    int Size = 224,
    int DuetVideos = 12,
    int SyntheticTrain = 64,
    int SyntheticTest = 32,
    int Parallelism = 2,
    bool AnnotateTraining = false,
    bool BackgroundPerSecond = true)
{
    /// <summary>The classes of <see cref="Small"/>: four with MUSIC detector ids, so both annotation files have boxes.</summary>
    public static readonly IReadOnlyList<string> SmallClasses = ["cello", "flute", "trumpet", "violin"];

    /// <summary><c>--small</c>: 4 classes × 4 solo videos (one each for training_1, training_2, validation and
    /// testing) × 3 s at 64², 4 duets (2 for training), 8/4 synthetic composites; seconds to build, for tests.</summary>
    public static ClipartBuildOptions Small(string outputFolder, int seed = 1) =>
        new(outputFolder, SmallClasses, VideosPerClass: 4, Seconds: 3, Seed: seed, Size: 64, DuetVideos: 4,
            SyntheticTrain: 8, SyntheticTest: 4);

    /// <summary>Every problem with the options, each naming its option; empty when they can be used.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(OutputFolder))
            errors.Add("--out: an output folder is required.");
        if (VideosPerClass is < 1 or > 1000)
            errors.Add($"--videos-per-class: must be 1..1000 (got {VideosPerClass}).");
        if (Seconds is < 1 or > 600)
            errors.Add($"--seconds: must be 1..600 (got {Seconds}).");
        // Below 32 px an instrument is a few pixels and the 2×2 composite quadrants are smaller still.
        if (Size is < 32 or > 1024)
            errors.Add($"--size: must be 32..1024 (got {Size}).");
        if (DuetVideos is < 0 or > 10_000 || SyntheticTrain is < 0 or > 100_000 || SyntheticTest is < 0 or > 100_000)
            errors.Add("--duets/--synthetic-train/--synthetic-test: must be ≥ 0.");
        if (Parallelism < 1)
            errors.Add($"--parallelism: must be ≥ 1 (got {Parallelism}).");
        foreach (var name in Classes.Where(c => ClipartInstruments.All.All(i => i.Name != c)))
            errors.Add($"--classes: unknown class '{name}' (known: {string.Join(", ", ClipartInstruments.All.Select(i => i.Name))}).");
        if (Classes.Distinct().Count() != Classes.Count)
            errors.Add("--classes: a class is listed twice.");
        return errors;
    }
}
