using Csol.Learning.Experiments;
using Csol.Learning.Training;
using Xunit;
using Xunit.Abstractions;

namespace Csol.Tests.Learning;

public sealed class QuickConfigMeasurement(ITestOutputHelper output)
{
    [Fact]
    public void MeasureQuick()
    {
        var path = Environment.GetEnvironmentVariable("CSOL_MEASURE") ?? "";
        if (path.Length == 0) return;
        var config = ExperimentConfigLoader.LoadFile(path);
        var result = new StageOneTrainer(config).Run(p =>
        {
            var line = $"{p.Step}/{p.TotalSteps} e{p.Epoch} {p.ElapsedSeconds:F1}s " + string.Join(" ", p.Metrics.Select(kv => $"{kv.Key}={kv.Value:F3}"));
            output.WriteLine(line);
            File.AppendAllText("/tmp/measure.log", line + "\n");
        }, CancellationToken.None);
        File.AppendAllText("/tmp/measure.log", $"DONE {result.ElapsedSeconds:F1}s " + string.Join(" ", result.FinalMetrics.Select(kv => $"{kv.Key}={kv.Value:F3}")) + "\n");
    }
}
