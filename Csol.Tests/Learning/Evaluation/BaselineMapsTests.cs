using Csol.Learning.Data;
using Csol.Learning.Evaluation;
using Xunit;

namespace Csol.Tests.Learning.Evaluation;

[Trait("Category", "unit")]
public sealed class BaselineMapsTests
{
    [Fact]
    public void Uniform_MarksEveryPixel_SoCIoUIsTheBoxShare()
    {
        // Box = left half of an 8×8 frame: P is the whole frame, |P∧G| = 32, |G| + |P∧¬G| = 32 + 32 → cIoU 0.5.
        using var map = BaselineMaps.Uniform(2);
        var evaluator = new SingleSourceEvaluator(imageSize: 8, relativeThreshold: 0.1);

        evaluator.Add(map, [[new NormalizedBox(0, 0, 0.5, 1)]], ["frame-a"]);

        Assert.Equal(0.5, evaluator.ConsensusIoUs[0], 12);
        Assert.Equal(1.0, evaluator.PointingAccuracy); // first maximum = top-left pixel, inside the box
        Assert.Equal("frame-a", evaluator.Frames[0].Key);
    }

    [Fact]
    public void CentrePrior_PeaksInTheMiddle_AndResultsAreWritten()
    {
        using var prior = BaselineMaps.CentrePrior(4);
        using var map = TorchSharp.torch.cat([prior, prior]);
        var evaluator = new SingleSourceEvaluator(imageSize: 16, relativeThreshold: 0.5);
        var directory = Path.Combine(Path.GetTempPath(), "csol-eval-" + Guid.NewGuid().ToString("N"));

        evaluator.Add(map, [[new NormalizedBox(0.25, 0.25, 0.5, 0.5)], [new NormalizedBox(0, 0, 0.2, 0.2)]]);
        evaluator.WriteResults(directory, "baseline_center");

        Assert.Equal(0.5, evaluator.PointingAccuracy); // the centred box contains the peak, the corner box does not
        var lines = File.ReadAllLines(Path.Combine(directory, "baseline_center.csv"));
        Assert.Equal(["key", "ciou", "pointing"], lines[0].Split(','));
        Assert.Equal(3, lines.Length);
        Assert.Contains("\"ioUAt05\"", File.ReadAllText(Path.Combine(directory, "baseline_center.json")));
        Directory.Delete(directory, recursive: true);
    }
}
