using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Csol.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Csol.Tests.Api;

/// <summary>The HTTP API and the CLI verbs that use it, against the real server.</summary>
[Trait("Category", "host")]
public sealed class ExperimentsApiTests
{
    [Fact]
    public async Task Queue_follow_and_read_an_experiment_over_HTTP()
    {
        using var data = TestPaths.NewTempDirectory("csol-api");
        await using var host = await PlatformHost.StartAsync(data.Path);
        using var http = host.CreateClient();

        var created = await http.PostAsJsonAsync("/api/experiments", new { config = TinyConfigs.Train(epochs: 1), source = "tiny.json" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await host.WaitForAsync(id, s => s.Status.ToString() == "Completed", TimeSpan.FromMinutes(3));

        var experiment = await http.GetFromJsonAsync<JsonElement>($"/api/experiments/{id}");
        Assert.Equal("Completed", experiment.GetProperty("status").GetString());
        var metrics = await http.GetFromJsonAsync<JsonElement>($"/api/experiments/{id}/metrics?fromStep=2");
        Assert.True(metrics.GetArrayLength() > 0);
        Assert.All(metrics.EnumerateArray(), p => Assert.True(p.GetProperty("step").GetInt32() >= 2));
        var list = await http.GetFromJsonAsync<JsonElement>("/api/experiments");
        Assert.Equal(id, Assert.Single(list.EnumerateArray()).GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task A_draft_is_saved_without_queueing_and_queued_later_over_HTTP()
    {
        using var data = TestPaths.NewTempDirectory("csol-api-draft");
        await using var host = await PlatformHost.StartAsync(data.Path);
        using var http = host.CreateClient();

        var bad =
            await http.PostAsJsonAsync("/api/experiments", new { config = """{ "training": { "epochs": 0 } }""", source = "bad.json", draft = true });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode); // a draft is validated like a queued config
        var created =
            await http.PostAsJsonAsync("/api/experiments",
                new { config = TinyConfigs.Probe(steps: 2, name: "later"), source = "later.json", draft = true });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        Assert.Equal("Draft", (await http.GetFromJsonAsync<JsonElement>($"/api/experiments/{id}")).GetProperty("status").GetString());
        Assert.Equal("Draft",
            Assert.Single((await http.GetFromJsonAsync<JsonElement>("/api/experiments")).EnumerateArray()).GetProperty("status").GetString());
        Assert.Empty((await host.Services.GetRequiredService<Csol.Abstractions.Services.IQueueService>().GetQueueAsync()).Waiting);

        // The CLI saves a draft the same way.
        var file = Path.Combine(data.Path, "cli-draft.json");
        await File.WriteAllTextAsync(file, TinyConfigs.Probe(name: "cli-draft"));
        var (exit, output) = await host.RunCliAsync("queue", file, "--draft");
        Assert.Equal(0, exit);
        Assert.Contains("Saved draft", output);
        Assert.All((await http.GetFromJsonAsync<JsonElement>("/api/experiments")).EnumerateArray(),
            e => Assert.Equal("Draft", e.GetProperty("status").GetString()));

        var queued = await http.PostAsync($"/api/experiments/{id}/queue", null);
        Assert.Equal(HttpStatusCode.OK, queued.StatusCode);
        var done = await host.WaitForAsync(id, s => s.Status.ToString() is "Completed" or "Failed", TimeSpan.FromMinutes(1));
        Assert.Equal("Completed", done.Status.ToString());
        Assert.Equal(HttpStatusCode.Conflict, (await http.PostAsync($"/api/experiments/{id}/queue", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsync($"/api/experiments/{Guid.NewGuid()}/queue", null)).StatusCode);
    }

    [Fact]
    public async Task An_invalid_config_is_a_400_keyed_by_field_and_unknown_ids_are_404()
    {
        using var data = TestPaths.NewTempDirectory("csol-api-bad");
        await using var host = await PlatformHost.StartAsync(data.Path);
        using var http = host.CreateClient();

        var response = await http.PostAsJsonAsync("/api/experiments", new { config = """{ "training": { "epochs": 0 } }""", source = "bad.json" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("bad.json", problem.GetProperty("title").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("training.epochs", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/api/experiments/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsync($"/api/experiments/{Guid.NewGuid()}/cancel", null)).StatusCode);
        Assert.Empty((await http.GetFromJsonAsync<JsonElement>("/api/experiments")).EnumerateArray());
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_experiments_endpoints()
    {
        using var data = TestPaths.NewTempDirectory("csol-openapi");
        await using var host = await PlatformHost.StartAsync(data.Path);
        using var http = host.CreateClient();

        var document = await http.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/experiments", out var experiments));
        Assert.True(experiments.TryGetProperty("post", out _));
        Assert.True(paths.TryGetProperty("/api/experiments/{id}/cancel", out _));
    }

    [Fact]
    public async Task Csol_queue_and_status_talk_to_the_running_server()
    {
        using var data = TestPaths.NewTempDirectory("csol-cli-server");
        await using var host = await PlatformHost.StartAsync(data.Path);
        var good = Path.Combine(data.Path, "tiny.json");
        var bad = Path.Combine(data.Path, "bad.json");
        await File.WriteAllTextAsync(good, TinyConfigs.Train(epochs: 1));
        await File.WriteAllTextAsync(bad, """{ "data": { "classes": 99 } }""");

        var (badExit, badOutput) = await host.RunCliAsync("queue", bad);
        var (goodExit, goodOutput) = await host.RunCliAsync("queue", good);
        var (statusExit, statusOutput) = await host.RunCliAsync("status");

        Assert.Equal(2, badExit);
        Assert.Contains($"{bad}: data.classes", badOutput);
        Assert.Equal(0, goodExit);
        var id = Assert.Single(await host.Experiments.ListAsync()).Id;
        Assert.Contains(id.ToString(), goodOutput);
        Assert.Equal(0, statusExit);
        Assert.Contains(id.ToString(), statusOutput);
    }

    [Fact]
    public async Task Csol_status_without_a_server_says_so()
    {
        var (exitCode, output) = await CsolProcess.RunAsync("status", "--server", $"http://127.0.0.1:{TestPaths.FreePort()}");

        Assert.Equal(3, exitCode);
        Assert.Contains("No Csol server answers", output);
    }
}
