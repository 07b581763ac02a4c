using Csol.Learning.Data.Clipart;
using Csol.Learning.Data.Music;
using Csol.Tests.Support;

namespace Csol.Tests.Learning.Data.Clipart;

/// <summary>
/// One tiny MUSIC-Clipart build shared by the end-to-end tests (4 MUSIC detector classes × 2 videos × 3 s at 64²,
/// 2 duets, 2 synthetic test composites; ~10 s), so part B's readers can read every file back.
/// </summary>
public class TinyClipartBuild : IDisposable
{
    public static readonly IReadOnlyList<string> DetectorClasses = ["cello", "flute", "trumpet", "violin"];

    private readonly TempDirectory _folder = TestPaths.NewTempDirectory("clipart");

    public TinyClipartBuild()
        : this(DetectorClasses)
    {
    }

    protected TinyClipartBuild(IReadOnlyList<string> classes)
    {
        Options = OptionsFor(Path.Combine(_folder.Path, "a"), classes: classes);
        Summary = new ClipartBenchmarkBuilder(ClipartTools.Default).Build(Options);
        Classes = ClassSpace.Load(Path.Combine(Folder, ClassSpace.CategoriesFile));
    }

    public ClipartBuildOptions Options { get; }

    public ClipartBuildSummary Summary { get; }

    /// <summary>The build's class space, read back from its <c>categories.json</c>.</summary>
    public ClassSpace Classes { get; }

    public string Folder => Options.OutputFolder;

    public string Sibling(string name) => Path.Combine(_folder.Path, name);

    public static ClipartBuildOptions OptionsFor(string folder, int seed = 4, IReadOnlyList<string>? classes = null) =>
        new(folder, classes ?? DetectorClasses, VideosPerClass: 2, Seconds: 3, Seed: seed, Size: 64,
            DuetVideos: 2, SyntheticTrain: 0, SyntheticTest: 2, Parallelism: 2, AnnotateTraining: true, BackgroundPerSecond: false);

    public void Dispose()
    {
        _folder.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>
/// A tiny build with classes MUSIC's readers did not know before the class space: drum and harp (ids ≥ 100) and
/// xylophone (a MUSIC class without a detector id, 106 here), beside cello (detector id 1).
/// </summary>
public sealed class TinyMixedClipartBuild() : TinyClipartBuild(["cello", "drum", "harp", "xylophone"]);
