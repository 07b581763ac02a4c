using Csol.Learning.Experiments;
using Csol.Learning.Training;
using TorchSharp;
using Xunit;
using Xunit.Abstractions;

namespace Csol.Tests.Learning.Training;

public sealed class StageOneBenchmarkTests(ITestOutputHelper output)
{
    [Fact]
    public void Measure_TinyModel_ReportsPositiveFigures()
    {
        var result = StageOneBenchmark.Measure(batchPairs: 2, imageSize: 32, steps: 2, torch.CPU,
            new StageOneModelConfig { BaseWidth = 2, ProjectionDim = 4 }, audioFrames: 32, melBands: 16);

        output.WriteLine(result.ToString());
        Assert.True(result.MillisecondsPerStep > 0);
        Assert.Equal(4 / (result.MillisecondsPerStep / 1000), result.SamplesPerSecond, 6);
        Assert.True(result.PeakResidentBytes > 0);
    }

    /// <summary>The full-size figure (width 64, proj 128, 224², 201×64, 32 pairs); runs only with CSOL_BENCH=1
    /// because it takes minutes on 2 cores.</summary>
    [Fact]
    public void Measure_FullSize_WhenAskedFor()
    {
        if (Environment.GetEnvironmentVariable("CSOL_BENCH") != "1")
            return;
        output.WriteLine(StageOneBenchmark.Measure(32, 224, steps: 2, torch.CPU).ToString());
    }
}
