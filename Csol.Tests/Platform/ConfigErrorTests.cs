using Csol.Tests.Support;
using Xunit;

namespace Csol.Tests.Platform;

[Trait("Category", "host")]
public sealed class ConfigErrorTests
{
    [Fact]
    public async Task Queueing_an_invalid_config_returns_the_source_and_field_and_queues_nothing()
    {
        using var data = TestPaths.NewTempDirectory("csol-badconfig");
        await using var host = await PlatformHost.StartAsync(data.Path);

        var result = await host.Experiments.QueueAsync("""{ "training": { "epochs": 0 } }""", "form");

        Assert.False(result.Queued);
        var error = Assert.Single(result.Errors);
        Assert.Equal("form", error.Source);
        Assert.Equal("training.epochs", error.Field);
        Assert.Empty(await host.Experiments.ListAsync());
    }

    [Theory]
    [InlineData("""{ "training": { "epochz": 3 } }""", "training.epochz")]
    [InlineData("""{ "training": { "epochs": "three" } }""", "training.epochs")]
    [InlineData("""{ "data": { "imageSize": -4 } }""", "data.imageSize")]
    public async Task Csol_run_names_the_file_and_field_and_exits_non_zero(string json, string field)
    {
        using var dir = TestPaths.NewTempDirectory("csol-cli");
        var file = Path.Combine(dir.Path, "bad.json");
        await File.WriteAllTextAsync(file, json);

        var (exitCode, output) = await CsolProcess.RunAsync("run", file);

        Assert.Equal(2, exitCode);
        Assert.Contains(file, output);
        Assert.Contains(field, output);
    }

    [Fact]
    public async Task Csol_run_on_a_missing_file_says_which_file()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"csol-missing-{Guid.NewGuid():N}.json");

        var (exitCode, output) = await CsolProcess.RunAsync("run", missing);

        Assert.NotEqual(0, exitCode);
        Assert.Contains(missing, output);
    }
}
