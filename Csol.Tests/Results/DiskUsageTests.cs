using Csol.Abstractions.Services;
using Csol.Silo.Storage;
using Csol.Tests.Support;
using Xunit;

namespace Csol.Tests.Results;

[Trait("Category", "unit")]
public sealed class DiskUsageTests
{
    [Fact]
    public void Runs_are_measured_per_experiment_folder_and_in_total_without_following_links()
    {
        using var data = TestPaths.NewTempDirectory("csol-disk-use");
        var runs = Path.Combine(data.Path, "runs");
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        Write(Path.Combine(runs, a.ToString("N"), "stage-one", "e0.ckpt"), 1000);
        Write(Path.Combine(runs, a.ToString("N"), "stage-one", "e0.json"), 24);
        Write(Path.Combine(runs, a.ToString("N"), "metrics.jsonl"), 0);
        Write(Path.Combine(runs, b.ToString("N"), "stage-two", "stage-two.ckpt"), 4096);
        Write(Path.Combine(runs, "not-an-id", "stray.bin"), 7);
        Write(Path.Combine(runs, "README"), 3);
        // A link to a big file outside must not count as the run's.
        Write(Path.Combine(data.Path, "outside.bin"), 100_000);
        File.CreateSymbolicLink(Path.Combine(runs, b.ToString("N"), "link.bin"), Path.Combine(data.Path, "outside.bin"));

        var usage = DiskUsageWalk.MeasureRuns(runs, DateTimeOffset.UnixEpoch);

        Assert.Equal(new DiskUsage(3, 1024), usage.Of(a));
        Assert.Equal(new DiskUsage(1, 4096), usage.Of(b));
        Assert.Equal(2, usage.PerExperiment.Count);
        Assert.Equal(new DiskUsage(3 + 1 + 1 + 1, 1024 + 4096 + 7 + 3), usage.Total);
        Assert.Equal(DiskUsage.None, usage.Of(Guid.NewGuid()));
        Assert.Equal(DiskUsage.None, DiskUsageWalk.Measure(Path.Combine(runs, "missing")));
    }

    [Theory]
    [InlineData(0, "0 B")]
    [InlineData(1023, "1023 B")]
    [InlineData(1024, "1.00 KiB")]
    [InlineData(1536, "1.50 KiB")]
    [InlineData(10 * 1024 + 512, "10.5 KiB")]
    [InlineData(312L * 1024 * 1024, "312 MiB")]
    [InlineData(3L * 1024 * 1024 * 1024 / 2, "1.50 GiB")]
    public void Sizes_read_in_binary_units_with_three_figures(long bytes, string text) =>
        Assert.Equal(text, DiskUsageText.Format(bytes));

    [Fact]
    public void Usage_adds_files_and_bytes() =>
        Assert.Equal(new DiskUsage(5, 1500), new DiskUsage(2, 1000).Add(new DiskUsage(3, 500)));

    private static void Write(string path, int bytes)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, new byte[bytes]);
    }
}
