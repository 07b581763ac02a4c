using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Csol.Tests.Support;
using Csol.Tests.Support.Servers;
using Xunit;
using Xunit.Abstractions;

namespace Csol.Tests.Platform.Cluster;

/// <summary>A cluster-mode host while its Redis, then its PostgreSQL, are stopped and started again (the real server
/// processes): it keeps answering, says which server is away (signed-in calls get 503 with Retry-After, not 500), and
/// recovers with the experiment finished.</summary>
[Trait("Category", "host")]
[Collection(ClusterServersCollection.Name)]
public sealed class ServerOutageTests(ClusterServers servers, ITestOutputHelper output)
{
    [Fact]
    public async Task Losing_Redis_then_PostgreSQL_is_shown_and_survived_and_the_running_experiment_finishes()
    {
        using var root = TestPaths.NewTempDirectory("csol-outage");
        var settings = servers.HostSettings(await servers.Postgres.CreateDatabaseAsync("outage"), $"o{Guid.NewGuid():N}");
        var token = await CsolProcess.AdminTokenAsync(root.Path, settings);
        using var host = await CsolProcess.StartHostAsync(
            ["serve", "--data-dir", root.Path, "--experiments-dir", TestPaths.ExperimentsDirectory, "--Csol:Scheduler:Host=solo",
                "--Csol:Scheduler:Devices=cpu:1"],
            settings, adminToken: token);
        using var http = host.CreateClient();
        http.Timeout = TimeSpan.FromSeconds(20);
        // Health is read as a monitor would, without credentials: with the database away no token can be checked.
        using var probe = new HttpClient { BaseAddress = new Uri(host.Url), Timeout = TimeSpan.FromSeconds(20) };
        try
        {
            await WaitHealthAsync(probe, HttpStatusCode.OK, null);
            var created =
                await http.PostAsJsonAsync("/api/experiments",
                    new { config = TinyConfigs.Probe(steps: 60, stepMilliseconds: 250, name: "outage"), source = "outage.json" });
            var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            await WaitStatusAsync(http, id, "Running", TimeSpan.FromSeconds(60));

            await servers.Redis.StopAsync();
            var redisDown = await WaitHealthAsync(probe, HttpStatusCode.ServiceUnavailable, "ConnectionStrings:Redis");
            Assert.Contains("\"reachable\":false", redisDown); // the public answer names the setting, not the address
            Assert.Equal(HttpStatusCode.OK, (await probe.GetAsync("/healthz")).StatusCode);
            Assert.Contains("Running", await StatusAsync(http, id)); // records still readable, the job still going
            await servers.Redis.StartAsync();
            await WaitHealthAsync(probe, HttpStatusCode.OK, null);

            await servers.Postgres.StopAsync();
            var databaseDown = await WaitHealthAsync(probe, HttpStatusCode.ServiceUnavailable, "ConnectionStrings:Platform");
            Assert.Contains("\"reachable\":false", databaseDown);
            Assert.Equal(HttpStatusCode.OK, (await probe.GetAsync("/healthz")).StatusCode);
            await AssertUnavailableAsync(http, "/api/experiments"); // the Bearer token's lookup meets the database first
            await AssertUnavailableAsync(http, $"/api/experiments/{id}/metrics");
            await Task.Delay(TimeSpan.FromSeconds(3)); // a few metric reports meet the outage
            await servers.Postgres.StartAsync();
            await WaitHealthAsync(probe, HttpStatusCode.OK, null);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/experiments")).StatusCode); // the same token works again

            var final = await WaitStatusAsync(http, id, "Completed", TimeSpan.FromMinutes(2));
            output.WriteLine(final.ToString());
            var points = (await http.GetFromJsonAsync<JsonElement>($"/api/experiments/{id}/metrics")).EnumerateArray()
                .Where(p => p.GetProperty("name").GetString() == "loss").Select(p => p.GetProperty("step").GetInt32()).ToList();
            Assert.Equal(Enumerable.Range(1, 60), points);
        }
        finally
        {
            output.WriteLine(host.Output);
            await EnsureRunningAsync();
        }
    }

    private async Task EnsureRunningAsync()
    {
        try { await servers.Postgres.StartAsync(); } catch (InvalidOperationException) { } // already running
        try { await servers.Redis.StopAsync(); await servers.Redis.StartAsync(); } catch (InvalidOperationException) { }
    }

    /// <summary>A signed-in call while the database is away: 503 with Retry-After and a ProblemDetails naming the
    /// setting (not a 500, and not the address).</summary>
    private static async Task AssertUnavailableAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{path}: {(int)response.StatusCode} {body}");
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("platform database (ConnectionStrings:Platform) is unreachable", body);
        Assert.DoesNotContain("127.0.0.1", body);
    }

    private static async Task<string> StatusAsync(HttpClient http, Guid id) =>
        (await http.GetFromJsonAsync<JsonElement>($"/api/experiments/{id}")).GetProperty("status").GetString()!;

    private static async Task<JsonElement> WaitStatusAsync(HttpClient http, Guid id, string status, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                var state = await http.GetFromJsonAsync<JsonElement>($"/api/experiments/{id}");
                if (state.GetProperty("status").GetString() == status)
                    return state;
                Assert.True(DateTime.UtcNow < until, $"not {status} within {timeout}: {state}");
            }
            catch (HttpRequestException) when (DateTime.UtcNow < until) { }
            await Task.Delay(250);
        }
    }

    private static async Task<string> WaitHealthAsync(HttpClient http, HttpStatusCode expected, string? naming)
    {
        var until = DateTime.UtcNow.AddSeconds(45);
        while (true)
        {
            using var response = await http.GetAsync("/api/health");
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == expected && (naming is null || body.Contains(naming, StringComparison.Ordinal)))
                return body;
            Assert.True(DateTime.UtcNow < until, $"/api/health still {(int)response.StatusCode}: {body}");
            await Task.Delay(250);
        }
    }
}
