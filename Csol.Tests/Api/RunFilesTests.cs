using System.Net;
using Csol.Abstractions;
using Csol.Abstractions.Services;
using Csol.Learning.Experiments;
using Csol.Tests.Learning.StageTwo;
using Csol.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;
using Xunit;

namespace Csol.Tests.Api;

/// <summary>A pipeline run on the real host leaves per-image class maps that the dashboard lists and the host serves,
/// confined to the run's folder.</summary>
[Trait("Category", "host")]
public sealed class RunFilesTests
{
    [Fact]
    public async Task A_finished_pipeline_run_lists_its_images_with_class_maps_and_serves_their_frames()
    {
        using var data = TestPaths.NewTempDirectory("csol-run-files");
        await using var host = await PlatformHost.StartAsync(data.Path);
        using var http = host.CreateClient();
        var config = StageTwoTinyConfigs.Pipeline(stageTwoEpochs: 1);
        var queued = await host.Experiments.QueueAsync(ExperimentConfigLoader.ToJson(config), "tiny-pipeline.json");
        var id = queued.ExperimentId!.Value;
        await host.WaitForAsync(id, s => s.Status.IsFinished(), TimeSpan.FromMinutes(3));
        var artifacts = host.Services.GetRequiredService<IExperimentArtifacts>();

        var images = await artifacts.ListImagesAsync(id);

        Assert.Equal(config.StageTwo.TestComposites, images.Count);
        var maps = await artifacts.GetMapsAsync(id, images[1].Index);
        Assert.NotNull(maps);
        Assert.Equal(config.Data.Classes, maps.Classes.Count);
        Assert.Equal(config.Data.ImageSize, maps.FrameSize);
        Assert.All(maps.Classes, c => Assert.Equal(maps.Rows * maps.Columns, c.Values.Count));
        Assert.All(maps.Classes, c => Assert.All(c.Values, v => Assert.InRange(v, 0f, 1.0001f)));
        // Every sounding class of the image has its box, as fractions of the frame.
        Assert.All(maps.Sounding, name => Assert.NotEmpty(maps.Classes.Single(c => c.Name == name).Boxes));
        Assert.All(maps.Classes.SelectMany(c => c.Boxes), b => Assert.InRange(b.X + b.Width, 0, 1.0001));

        using var frame = await http.GetAsync(maps.FrameUrl);
        Assert.Equal(HttpStatusCode.OK, frame.StatusCode);
        Assert.Equal("image/png", frame.Content.Headers.ContentType?.MediaType);
        using (var bitmap = SKBitmap.Decode(await frame.Content.ReadAsByteArrayAsync()))
            Assert.Equal(config.Data.ImageSize, bitmap.Width);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/api/experiments/{id}/files/evaluation/results.jsonl")).StatusCode);
        Assert.Null(await artifacts.GetMapsAsync(id, 999));
        Assert.Empty(await artifacts.ListImagesAsync(Guid.NewGuid()));
    }

    [Fact]
    public async Task A_pipeline_with_two_stage_two_epochs_lists_the_final_and_the_first_epochs_maps()
    {
        using var data = TestPaths.NewTempDirectory("csol-run-files-epochs");
        await using var host = await PlatformHost.StartAsync(data.Path);
        var config = StageTwoTinyConfigs.Pipeline(stageTwoEpochs: 2);
        var queued = await host.Experiments.QueueAsync(ExperimentConfigLoader.ToJson(config), "tiny-pipeline.json");
        var id = queued.ExperimentId!.Value;
        var finished = await host.WaitForAsync(id, s => s.Status.IsFinished(), TimeSpan.FromMinutes(3));
        Assert.Equal(ExperimentStatus.Completed, finished.Status);
        var artifacts = host.Services.GetRequiredService<IExperimentArtifacts>();

        var evaluations = await artifacts.ListEvaluationsAsync(id);

        // Stage one validated its last epoch (tiny configs validate only the last): its maps come with their frames and boxes.
        var lastStageOneEpoch = config.Training.Epochs - 1;
        Assert.Equal(
            [(MapsEvaluation.FinalKey, (int?)null, 2), ("e000", 0, 2), (MapsEvaluation.StageOneKey(lastStageOneEpoch), lastStageOneEpoch, 1)],
            evaluations.Select(e => (e.Key, e.Epoch, e.Stage)));
        var stageOne = await artifacts.ListImagesAsync(id, MapsEvaluation.StageOneKey(lastStageOneEpoch));
        Assert.InRange(stageOne.Count, 1, 8);
        var stageOneMaps = await artifacts.GetMapsAsync(id, stageOne[0].Index, MapsEvaluation.StageOneKey(lastStageOneEpoch));
        var sounding = Assert.Single(stageOneMaps!.Classes);
        Assert.NotEmpty(sounding.Boxes);
        Assert.Equal(stageOneMaps.Rows * stageOneMaps.Columns, sounding.Values.Count);
        Assert.Contains("stage-one/evaluation/epoch-", stageOneMaps.FrameUrl);
        using (var http = host.CreateClient())
        using (var frame = await http.GetAsync(stageOneMaps.FrameUrl))
            Assert.Equal("image/png", frame.Content.Headers.ContentType?.MediaType);
        var images = await artifacts.ListImagesAsync(id, "e000");
        Assert.Equal(config.StageTwo.TestComposites, images.Count);
        var early = await artifacts.GetMapsAsync(id, images[0].Index, "e000");
        var final = await artifacts.GetMapsAsync(id, images[0].Index);
        Assert.NotNull(early);
        Assert.NotNull(final);
        Assert.Equal(final.FrameUrl, early.FrameUrl); // same test image, one frame
        Assert.NotEqual(final.Classes[0].Values, early.Classes[0].Values);
        // Keys name folders only when they are "final" or eNNN.
        Assert.Empty(await artifacts.ListImagesAsync(id, "../evaluation"));
        Assert.Null(await artifacts.GetMapsAsync(id, images[0].Index, "e001"));
        Assert.Empty(await artifacts.ListEvaluationsAsync(Guid.NewGuid()));
        // The epoch checkpoint is filed as stage two's epoch 0; the final file stays the latest, the one ranked.
        var stageTwo = (await host.Services.GetRequiredService<ICheckpointService>().ListAsync(id, includeDeleted: true))
            .Where(c => c.Stage == "stage-two").OrderBy(c => c.Epoch).ToArray();
        Assert.Equal([0, 1], stageTwo.Select(c => c.Epoch));
        Assert.EndsWith("stage-two.ckpt", stageTwo[1].Path, StringComparison.Ordinal);
        Assert.False(stageTwo[1].Deleted);
    }

    [Fact]
    public async Task Paths_that_leave_the_run_folder_or_name_no_file_are_404()
    {
        using var data = TestPaths.NewTempDirectory("csol-run-files-confined");
        await using var host = await PlatformHost.StartAsync(data.Path);
        using var http = host.CreateClient();
        var id = Guid.NewGuid();
        var run = Path.Combine(data.Path, "runs", id.ToString("N"));
        Directory.CreateDirectory(run);
        await File.WriteAllTextAsync(Path.Combine(run, "inside.txt"), "ok");
        await File.WriteAllTextAsync(Path.Combine(data.Path, "secret.txt"), "no");
        File.CreateSymbolicLink(Path.Combine(run, "link.txt"), Path.Combine(data.Path, "secret.txt"));

        Assert.Equal("ok", await http.GetStringAsync($"/api/experiments/{id}/files/inside.txt"));
        foreach (var path in new[] { "..%2F..%2Fsecret.txt", "%2E%2E/%2E%2E/secret.txt", "link.txt", "missing.txt", "%2Fetc%2Fpasswd" })
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/api/experiments/{id}/files/{path}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/api/experiments/{Guid.NewGuid()}/files/inside.txt")).StatusCode);
    }
}
