using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Csol.Tests.Support;
using Xunit;

namespace Csol.Tests.Api;

/// <summary><c>POST /api/experiments/{id}/repeat</c> and <c>csol repeat</c> on the real host.</summary>
[Trait("Category", "host")]
public sealed class RepeatWithSeedsApiTests
{
    [Fact]
    public async Task Repeat_queues_one_copy_per_seed_in_the_same_seed_group_and_refuses_bad_seed_lists()
    {
        using var data = TestPaths.NewTempDirectory("csol-repeat");
        await using var host = await PlatformHost.StartAsync(data.Path);
        using var http = host.CreateClient();
        var draft = await host.Experiments.SaveDraftAsync(TinyConfigs.Probe(steps: 1, name: "probe"), "probe.json");
        var id = draft.ExperimentId!.Value;

        using var created = await http.PostAsJsonAsync($"/api/experiments/{id}/repeat", new { seeds = new[] { 2, 3 } });
        var (exit, output) = await host.RunCliAsync("repeat", id.ToString(), "--seeds", "4");
        using var own = await http.PostAsJsonAsync($"/api/experiments/{id}/repeat", new { seeds = new[] { 10 } });
        using var none = await http.PostAsJsonAsync($"/api/experiments/{id}/repeat", new { seeds = Array.Empty<int>() });
        using var unknown = await http.PostAsJsonAsync($"/api/experiments/{Guid.NewGuid()}/repeat", new { seeds = new[] { 2 } });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var copies = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("experiments").EnumerateArray()
            .Select(e => e.GetProperty("id").GetGuid()).ToArray();
        Assert.Equal(2, copies.Length);
        var seeds = new List<int>();
        foreach (var copy in copies)
        {
            var snapshot = await host.Experiments.GetAsync(copy);
            using var config = JsonDocument.Parse(snapshot!.ConfigJson);
            seeds.Add(config.RootElement.GetProperty("seed").GetInt32());
            Assert.StartsWith("probe-seed", snapshot.Name);
        }
        Assert.Equal([2, 3], seeds);
        Assert.Equal(0, exit);
        Assert.Contains("Queued 1 copies", output);
        Assert.Equal(HttpStatusCode.BadRequest, own.StatusCode);
        Assert.Contains("own seed 10", await own.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(4, (await http.GetFromJsonAsync<JsonElement>("/api/experiments")).GetArrayLength());
    }
}
