using Csol.Learning.Data;
using Csol.Learning.Evaluation;
using TorchSharp;
using Xunit;

namespace Csol.Tests.Learning.Evaluation;

[Trait("Category", "unit")]
public sealed class SingleSourceEvaluatorTests
{
    [Fact]
    public void Add_MapPeakingInsideBox_ScoresHighAndPoints()
    {
        // 2×2 map with its peak top-left, upsampled to 8×8; the box covers the top-left quarter.
        using var map = torch.tensor(new float[] { 1f, 0f, 0f, 0f }, [1, 1, 2, 2]);
        var evaluator = new SingleSourceEvaluator(imageSize: 8, relativeThreshold: 0.5);

        evaluator.Add(map, [[new NormalizedBox(0, 0, 0.5, 0.5)]]);

        Assert.Single(evaluator.ConsensusIoUs);
        Assert.True(evaluator.ConsensusIoUs[0] > 0.5, $"cIoU {evaluator.ConsensusIoUs[0]}");
        Assert.Equal(1.0, evaluator.PointingAccuracy);
    }

    [Fact]
    public void Add_FrameWithoutBoxes_IsSkipped()
    {
        using var map = torch.ones(1, 1, 2, 2);
        var evaluator = new SingleSourceEvaluator(imageSize: 8, relativeThreshold: 0.1);

        evaluator.Add(map, [[]]);

        Assert.Empty(evaluator.ConsensusIoUs);
    }

    [Fact]
    public void ReadResults_ReadsBackWhatWriteResultsWrote_IncludingQuotedKeys()
    {
        using var temp = Csol.Tests.Support.TestPaths.NewTempDirectory("single-source");
        using var maps = torch.tensor(new float[] { 1f, 0f, 0f, 0f, 0f, 0f, 0f, 1f }, [2, 1, 2, 2]);
        var evaluator = new SingleSourceEvaluator(imageSize: 8, relativeThreshold: 0.5);
        evaluator.Add(maps, [[new NormalizedBox(0, 0, 0.5, 0.5)], [new NormalizedBox(0, 0, 0.5, 0.5)]], ["a/frame_000/00000.jpg", "odd,\"key\""]);

        evaluator.WriteResults(temp.Path, "model");
        var read = SingleSourceEvaluator.ReadResults(Path.Combine(temp.Path, "model.csv")).ToArray();

        Assert.Equal(["a/frame_000/00000.jpg", "odd,\"key\""], read.Select(r => r.Key));
        Assert.Equal(evaluator.ConsensusIoUs, read.Select(r => r.ConsensusIoU));
        Assert.Equal([true, false], read.Select(r => r.Pointing));
    }
}
