using Csol.Learning.Data.Clipart;
using Csol.Tests.Support;

namespace Csol.Tests.Learning.Data.Clipart;

/// <summary>
/// One tiny MUSIC-Clipart build shared by the end-to-end tests (4 MUSIC detector classes × 2 videos × 3 s at 64²,
/// 2 duets, 2 synthetic test composites; ~10 s), so part B's readers can read every file back.
/// </summary>
public sealed class TinyClipartBuild : IDisposable
{
    private readonly TempDirectory _folder = TestPaths.NewTempDirectory("clipart");

    public TinyClipartBuild()
    {
        Options = OptionsFor(Path.Combine(_folder.Path, "a"));
        Summary = new ClipartBenchmarkBuilder(ClipartTools.Default).Build(Options);
    }

    public ClipartBuildOptions Options { get; }

    public ClipartBuildSummary Summary { get; }

    public string Folder => Options.OutputFolder;

    public string Sibling(string name) => Path.Combine(_folder.Path, name);

    public static ClipartBuildOptions OptionsFor(string folder, int seed = 4) =>
        new(folder, ["cello", "flute", "trumpet", "violin"], VideosPerClass: 2, Seconds: 3, Seed: seed, Size: 64,
            DuetVideos: 2, SyntheticTrain: 0, SyntheticTest: 2, Parallelism: 2);

    public void Dispose() => _folder.Dispose();
}
