using Csol.Silo.Benchmarks;
using Csol.Learning.Experiments;
using Csol.Learning.Training;
using TorchSharp;
using Xunit;
using Xunit.Abstractions;

namespace Csol.Tests.Learning.Training;

[Trait("Category", "unit")]
public sealed class StageOneBenchmarkTests(ITestOutputHelper output)
{
    [Fact]
    public void Measure_TinyModel_RunsTheStepsAndReadsPeakMemory()
    {
        var result = StageOneBenchmark.Measure(batchPairs: 2, imageSize: 32, steps: 2, torch.CPU,
            new StageOneModelConfig { BaseWidth = 2, ProjectionDim = 4 }, audioFrames: 32, melBands: 16);

        output.WriteLine(result.ToString());
        Assert.Equal(2, result.Steps);
        Assert.True(result.PeakResidentBytes > 0);
    }
}
