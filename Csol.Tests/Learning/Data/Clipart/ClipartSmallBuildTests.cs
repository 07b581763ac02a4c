using Csol.Learning.Data.Clipart;
using Csol.Learning.Data.Music;
using Csol.Tests.Support;
using Xunit;

namespace Csol.Tests.Learning.Data.Clipart;

/// <summary>The <c>--small</c> build (<see cref="ClipartBuildOptions.Small"/>) has every split the default build has:
/// validation videos, at least one test video per class, duet training videos, per-second backgrounds.</summary>
[Trait("Category", "host")]
public sealed class ClipartSmallBuildTests
{
    [Fact]
    public void Small_BuildsEverySplitTheDefaultBuildHas()
    {
        using var folder = TestPaths.NewTempDirectory("clipart-small");
        var options = ClipartBuildOptions.Small(Path.Combine(folder.Path, "small"));

        var summary = new ClipartBenchmarkBuilder(ClipartTools.Default).Build(options);

        Assert.True(options.BackgroundPerSecond);
        Assert.Equal(4, summary.Classes.Count);
        int Lines(string list) => SplitListReader.Read(Path.Combine(options.OutputFolder, list)).Count;
        Assert.Equal(4, Lines("solo/solo_training_1.txt"));
        Assert.Equal(4, Lines("solo/solo_training_2.txt"));
        Assert.Equal(4, Lines("solo/solo_validation.txt"));
        Assert.Equal(4, Lines("solo/solo_testing.txt"));
        Assert.Equal(2, Lines("duet/duet_pairs_train.txt"));
        Assert.Equal(2, Lines("duet/duet_pairs_val.txt"));
        Assert.Equal(8, summary.SyntheticTrain);
    }

    [Fact]
    public void Defaults_AreTheBenchmarkBuild()
    {
        var defaults = new ClipartBuildOptions("out", []);

        Assert.True(defaults.BackgroundPerSecond);
        // 18 videos a class: 3 test and 3 validation videos per class, so seeds can be told apart (issue #12 §6).
        var splits = ClipartPlanner.SoloSplits(defaults.VideosPerClass);
        Assert.Equal(3, splits.Count(s => s == ClipartSplit.SoloTesting));
        Assert.Equal(3, splits.Count(s => s == ClipartSplit.SoloValidation));
        Assert.Equal(6, splits.Count(s => s == ClipartSplit.SoloTraining1));
        Assert.True(defaults.DuetVideos / 2 >= 6);
    }
}
