using Csol.Silo.Benchmarks;
using Csol.Learning.Evaluation;
using Xunit;

namespace Csol.Tests.Learning.Evaluation;

[Trait("Category", "unit")]
public sealed class MultiSourceEvaluatorBenchmarkTests
{
    [Fact]
    public void Measure_TinyRun_ScoresEveryImageAndIsSeeded()
    {
        var first = MultiSourceEvaluatorBenchmark.Measure(images: 40, classes: 4, clusters: 6, mapSide: 4, imageSize: 32, batchSize: 16);
        var second = MultiSourceEvaluatorBenchmark.Measure(images: 40, classes: 4, clusters: 6, mapSide: 4, imageSize: 32, batchSize: 16);

        Assert.Equal(40, first.Images);
        Assert.InRange(first.NoSoundingArea, 0, 1);
        Assert.Equal(first.CIoUAt03, second.CIoUAt03);
        Assert.Equal(first.NoSoundingArea, second.NoSoundingArea);
    }
}
