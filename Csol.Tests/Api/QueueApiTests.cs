using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Csol.Abstractions;
using Csol.Tests.Support;
using Xunit;

namespace Csol.Tests.Api;

/// <summary>The queue endpoints and the CLI verbs that show and feed the queue, against the real server.</summary>
[Trait("Category", "host")]
public sealed class QueueApiTests
{
    private static readonly Dictionary<string, string?> OneSlot = new() { ["Csol:Scheduler:Host"] = "api", ["Csol:Scheduler:CpuSlots"] = "1" };

    private static async Task<Guid> QueueAsync(HttpClient http, string config, int? priority = null)
    {
        var created = await http.PostAsJsonAsync("/api/experiments", new { config, source = "probe.json", priority });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task<Guid[]> WaitingAsync(HttpClient http) =>
        (await http.GetFromJsonAsync<JsonElement>("/api/queue")).GetProperty("waiting").EnumerateArray()
            .Select(e => e.GetProperty("experimentId").GetGuid()).ToArray();

    [Fact]
    public async Task The_queue_shows_devices_and_waiting_experiments_which_can_be_reprioritised_and_moved()
    {
        using var data = TestPaths.NewTempDirectory("csol-api-queue");
        await using var host = await PlatformHost.StartAsync(data.Path, settings: OneSlot);
        using var http = host.CreateClient();
        var blocker = await QueueAsync(http, TinyConfigs.Probe(steps: 10_000, stepMilliseconds: 50));
        await host.WaitForAsync(blocker, s => s.Status == ExperimentStatus.Running, TimeSpan.FromSeconds(30));

        var a = await QueueAsync(http, TinyConfigs.Probe(priority: 1));
        var b = await QueueAsync(http, TinyConfigs.Probe(priority: 1), priority: 5); // the request's priority wins
        var c = await QueueAsync(http, TinyConfigs.Probe(priority: 3));

        var devices = await http.GetFromJsonAsync<JsonElement>("/api/devices");
        var device = Assert.Single(devices.EnumerateArray());
        Assert.Equal("api/cpu0", device.GetProperty("device").GetProperty("key").GetString());
        Assert.Equal(blocker, device.GetProperty("runningExperimentId").GetGuid());
        Assert.Equal([b, c, a], await WaitingAsync(http));
        Assert.Equal(5, (await host.Experiments.GetAsync(b))!.Priority);

        Assert.Equal(HttpStatusCode.OK, (await http.PostAsJsonAsync($"/api/experiments/{a}/priority", new { priority = 9 })).StatusCode);
        Assert.Equal([a, b, c], await WaitingAsync(http));
        Assert.Equal(9, (await host.Experiments.GetAsync(a))!.Priority);
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsJsonAsync($"/api/experiments/{c}/move", new { position = 0 })).StatusCode);
        Assert.Equal([c, a, b], await WaitingAsync(http));

        var running = await http.PostAsJsonAsync($"/api/experiments/{blocker}/priority", new { priority = 1 });
        Assert.Equal(HttpStatusCode.Conflict, running.StatusCode);
        Assert.Contains("Running", await running.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound,
            (await http.PostAsJsonAsync($"/api/experiments/{Guid.NewGuid()}/move", new { position = 0 })).StatusCode);

        await http.PostAsync($"/api/experiments/{a}/cancel", null);
        Assert.Equal([c, b], await WaitingAsync(http));
        await http.PostAsync($"/api/experiments/{blocker}/cancel", null);
        foreach (var id in new[] { c, b })
            Assert.Equal(ExperimentStatus.Completed, (await host.WaitForAsync(id, s => s.Status.IsFinished(), TimeSpan.FromSeconds(60))).Status);
        Assert.Equal(ExperimentStatus.Cancelled, (await host.Experiments.GetAsync(a))!.Status);

        var paths = (await http.GetFromJsonAsync<JsonElement>("/openapi/v1.json")).GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/queue", out _));
        Assert.True(paths.TryGetProperty("/api/experiments/{id}/priority", out _));
    }

    [Fact]
    public async Task Csol_queue_with_a_priority_and_csol_status_showing_devices_and_the_waiting_order()
    {
        using var data = TestPaths.NewTempDirectory("csol-cli-queue");
        await using var host = await PlatformHost.StartAsync(data.Path, settings: OneSlot);
        using var http = host.CreateClient();
        var blocker = await QueueAsync(http, TinyConfigs.Probe(steps: 10_000, stepMilliseconds: 50, name: "blocker"));
        await host.WaitForAsync(blocker, s => s.Status == ExperimentStatus.Running, TimeSpan.FromSeconds(30));
        var file = Path.Combine(data.Path, "probe.json");
        await File.WriteAllTextAsync(file, TinyConfigs.Probe(name: "urgent"));

        var (queueExit, _) = await host.RunCliAsync("queue", file, "--priority", "7");
        var (statusExit, status) = await host.RunCliAsync("status");

        Assert.Equal(0, queueExit);
        var urgent = Assert.Single(await host.Experiments.ListAsync(), e => e.Name == "urgent");
        Assert.Equal(7, urgent.Priority);
        Assert.Equal(0, statusExit);
        Assert.Contains("api/cpu0", status);
        Assert.Contains("blocker", status);
        Assert.Contains("1 waiting", status);
        Assert.Contains(urgent.Id.ToString(), status);
        await host.Experiments.CancelAsync(blocker);
    }
}
