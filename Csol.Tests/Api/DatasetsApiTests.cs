using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Csol.Learning.Data.Manifest;
using Csol.Tests.Learning.Data.Clipart;
using Csol.Tests.Support;
using Xunit;

namespace Csol.Tests.Api;

/// <summary>Datasets over HTTP and the CLI against the real server, on a tiny MUSIC-Clipart build under a data root.</summary>
[Trait("Category", "host")]
public sealed class DatasetsApiTests(TinyClipartBuild build) : IClassFixture<TinyClipartBuild>
{
    private string BuildRoot => Path.GetDirectoryName(build.Folder)!;

    private string MusicConfig => $$"""
        {
          "name": "tiny-music", "kind": "stage-one", "seed": 10, "device": "cpu",
          "data": { "source": "music", "root": {{JsonSerializer.Serialize(build.Folder)}}, "imageSize": 32, "loaderWorkers": 1 },
          "model": { "baseWidth": 4, "projectionDim": 8 },
          "training": { "epochs": 1, "batchSize": 4, "learningRate": 0.003, "useClassTask": false },
          "evaluation": { "relativeThreshold": 0.5 }
        }
        """;

    [Fact]
    public async Task Register_browse_and_serve_a_dataset_only_inside_the_data_roots_and_a_music_run_lands_on_its_leaderboard()
    {
        using var data = TestPaths.NewTempDirectory("csol-datasets");
        using var outside = TestPaths.NewTempDirectory("csol-outside");
        await File.WriteAllTextAsync(Path.Combine(outside.Path, "secret.txt"), "not yours");
        await using var host = await PlatformHost.StartAsync(data.Path, settings: new Dictionary<string, string?>
        {
            ["Csol:DataRoots:0"] = data.Path,
            ["Csol:DataRoots:1"] = BuildRoot,
        });
        using var http = host.CreateClient();

        // Refused: outside the roots, "..", a folder that is not a dataset. Each error names the path.
        var absolute = await http.PostAsJsonAsync("/api/datasets", new { path = outside.Path });
        var up = await http.PostAsJsonAsync("/api/datasets", new { path = "../etc" });
        Directory.CreateDirectory(Path.Combine(data.Path, "empty"));
        var empty = await http.PostAsJsonAsync("/api/datasets", new { path = "empty" });
        foreach (var (response, named) in new[] { (absolute, outside.Path), (up, "../etc"), (empty, "empty") })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var message = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("path")[0].GetString()!;
            Assert.Contains(named, message);
        }
        Assert.Contains(BuildRoot, (await (await http.PostAsJsonAsync("/api/datasets", new { path = outside.Path })).Content.ReadAsStringAsync()));

        // Registered through the CLI by a path relative to a root; the id is the content hash's first 16 digits.
        var (exit, output) = await host.RunCliAsync("dataset", "register", Path.GetFileName(build.Folder), "--name", "tiny clipart");
        Assert.Equal(0, exit);
        var manifest = DatasetInspector.Inspect(build.Folder);
        var (hash, id) = (manifest.ContentHash, manifest.ContentHash[..16]);
        Assert.Contains(id, output);
        var dataset = await http.GetFromJsonAsync<JsonElement>($"/api/datasets/{id}");
        Assert.Equal(("tiny clipart", hash, manifest.Videos),
            (dataset.GetProperty("name").GetString(), dataset.GetProperty("contentHash").GetString(), dataset.GetProperty("videos").GetInt32()));
        Assert.Equal(manifest.Clips, dataset.GetProperty("clips").GetInt32());
        Assert.Equal(Path.GetFileName(build.Folder), dataset.GetProperty("path").GetString());
        Assert.Single((await http.GetFromJsonAsync<JsonElement>("/api/datasets")).EnumerateArray());

        // Samples: annotated frames with boxes, spread over the classes, their files served through the API.
        var samples = (await http.GetFromJsonAsync<JsonElement>($"/api/datasets/{id}/samples?count=4")).EnumerateArray().ToArray();
        Assert.Equal(4, samples.Length);
        Assert.Equal(4, samples.Select(s => s.GetProperty("boxes")[0].GetProperty("className").GetString()).Distinct().Count());
        foreach (var sample in samples)
        {
            Assert.All(sample.GetProperty("boxes").EnumerateArray(), b => Assert.True(b.GetProperty("width").GetDouble() > 0));
            using var image = await http.GetAsync(sample.GetProperty("fileUrl").GetString());
            Assert.Equal(HttpStatusCode.OK, image.StatusCode);
            Assert.Equal("image/jpeg", image.Content.Headers.ContentType?.MediaType);
            Assert.Equal([0xFF, 0xD8], (await image.Content.ReadAsByteArrayAsync())[..2]);
        }

        // Nothing outside the dataset is served: "..", or a link that leads out of the roots.
        File.CreateSymbolicLink(Path.Combine(build.Folder, "leak.txt"), Path.Combine(outside.Path, "secret.txt"));
        try
        {
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/api/datasets/{id}/files/leak.txt")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound,
                (await http.GetAsync($"/api/datasets/{id}/files/..%2F..%2F{Path.GetFileName(outside.Path)}%2Fsecret.txt")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/api/datasets/{id}/files/video_frames")).StatusCode);
        }
        finally
        {
            File.Delete(Path.Combine(build.Folder, "leak.txt"));
        }

        // A stage-one run on the folder: its lineage is the dataset's id, and it is ranked on that dataset's board.
        var queued = await host.Experiments.QueueAsync(MusicConfig, "tiny-music.json");
        var done = await host.WaitForAsync(queued.ExperimentId!.Value, s => s.Status.ToString() is "Completed" or "Failed", TimeSpan.FromMinutes(3));
        Assert.Equal(("Completed", id), (done.Status.ToString(), done.DatasetId));
        var board = await http.GetFromJsonAsync<JsonElement>($"/api/leaderboards/{id}/single-source");
        Assert.Equal("tiny clipart", board.GetProperty("datasetName").GetString());
        Assert.Equal(done.Id, Assert.Single(board.GetProperty("entries").EnumerateArray()).GetProperty("experimentId").GetGuid());
        Assert.Equal([done.Id],
            (await http.GetFromJsonAsync<JsonElement>($"/api/datasets/{id}")).GetProperty("usedBy").EnumerateArray().Select(u => u.GetGuid()));
    }
}
