using System.Text.Json;
using Csol.Abstractions;
using Csol.Tests.Learning.Data.Clipart;
using Csol.Tests.Support;
using Xunit;

namespace Csol.Tests.Jobs;

/// <summary>The <c>preprocess</c> step on the real host, on a tiny MUSIC-Clipart build.</summary>
[Trait("Category", "host")]
public sealed class PreprocessStepTests(TinyClipartBuild build) : IClassFixture<TinyClipartBuild>
{
    private static string MusicConfig(string root) => $$"""
        {
          "name": "broken-music", "kind": "stage-one", "seed": 10, "device": "cpu",
          "data": { "source": "music", "root": {{JsonSerializer.Serialize(root)}}, "imageSize": 32, "loaderWorkers": 1 },
          "model": { "baseWidth": 4, "projectionDim": 8 },
          "training": { "epochs": 1, "batchSize": 4, "learningRate": 0.003, "useClassTask": false }
        }
        """;

    [Fact]
    public async Task A_stage_one_run_on_a_broken_music_folder_fails_in_preprocess_naming_the_file_and_trains_nothing()
    {
        using var data = TestPaths.NewTempDirectory("csol-preprocess");
        var copy = Path.Combine(data.Path, "clipart");
        CopyFolder(build.Folder, copy);
        var annotations = Path.Combine(copy, "solotest.json");
        Assert.True(File.Exists(annotations));
        await using var host = await PlatformHost.StartAsync(Path.Combine(data.Path, "host"));
        // Queued while intact; the file breaks before the run starts (a copy still being written, a bad edit).
        var queued = await host.Experiments.QueueAsync(MusicConfig(copy), "broken-music.json");
        Assert.True(queued.Queued, string.Join("; ", queued.Errors));
        await File.WriteAllTextAsync(annotations, """{ "annotations": [ { "bbox": """);

        var failed = await host.WaitForAsync(queued.ExperimentId!.Value, s => s.Status.IsFinished(), TimeSpan.FromMinutes(2));

        Assert.Equal(ExperimentStatus.Failed, failed.Status);
        Assert.StartsWith("preprocess: ", failed.Error);
        Assert.Contains(annotations, failed.Error);
        Assert.Equal(1, failed.Attempts); // bad data is not retried
        Assert.Equal("preprocess", Assert.Single(failed.AttemptHistory).StepName);
        Assert.Empty(await host.Experiments.GetMetricsAsync(failed.Id));
        Assert.False(Directory.Exists(Path.Combine(data.Path, "host", "runs", failed.Id.ToString("N"), "stage-one")));
        Assert.Null(failed.DatasetId);
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var directory in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, directory)));
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
    }
}
