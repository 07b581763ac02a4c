using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Csol.Abstractions;
using Csol.Silo.Api;

namespace Csol.Silo.Cli;

/// <summary>The CLI's view of a running server's HTTP API.</summary>
internal sealed class CsolApiClient(Uri server) : IDisposable
{
    public const string DefaultServer = "http://127.0.0.1:5080";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private readonly HttpClient _http = new() { BaseAddress = server, Timeout = TimeSpan.FromSeconds(30) };

    public Uri Server => server;

    /// <summary>Queues a config; returns the new id, or the problems per field.</summary>
    public async Task<(QueuedExperiment? Queued, IReadOnlyDictionary<string, string[]> Errors)> QueueAsync(
        string configJson, string source, int? priority, CancellationToken ct, bool draft = false)
    {
        using var response = await SendAsync(() => _http.PostAsJsonAsync("/api/experiments", new QueueExperimentRequest(configJson, source, priority, draft), Json, ct));
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            var problem = await response.Content.ReadFromJsonAsync<HttpValidationProblem>(Json, ct);
            return (null, problem?.Errors ?? new Dictionary<string, string[]>());
        }
        await EnsureSuccessAsync(response, ct);
        return (await response.Content.ReadFromJsonAsync<QueuedExperiment>(Json, ct), new Dictionary<string, string[]>());
    }

    public async Task<IReadOnlyList<ExperimentSummary>> ListAsync(CancellationToken ct) =>
        await GetAsync<List<ExperimentSummary>>("/api/experiments", ct) ?? [];

    public Task<ExperimentSnapshot?> GetAsync(Guid id, CancellationToken ct) => GetAsync<ExperimentSnapshot>($"/api/experiments/{id}", ct);

    public async Task<IReadOnlyList<MetricPoint>> GetMetricsAsync(Guid id, CancellationToken ct) =>
        await GetAsync<List<MetricPoint>>($"/api/experiments/{id}/metrics", ct) ?? [];

    public async Task<IReadOnlyList<LeaderboardKey>> ListLeaderboardsAsync(CancellationToken ct) =>
        await GetAsync<List<LeaderboardKey>>("/api/leaderboards", ct) ?? [];

    public Task<Leaderboard?> GetLeaderboardAsync(LeaderboardKey key, int? top, CancellationToken ct) =>
        GetAsync<Leaderboard>($"/api/leaderboards/{Uri.EscapeDataString(key.DatasetId)}/{Uri.EscapeDataString(key.Task)}{(top is { } n ? $"?top={n}" : "")}", ct);

    /// <summary>A board as CSV, LaTeX or Markdown text; null when the server has no such board.</summary>
    public async Task<string?> ExportLeaderboardAsync(LeaderboardKey key, string format, bool aggregateSeeds, CancellationToken ct)
    {
        var path = $"/api/leaderboards/{Uri.EscapeDataString(key.DatasetId)}/{Uri.EscapeDataString(key.Task)}/export"
            + $"?format={Uri.EscapeDataString(format)}&seeds={(aggregateSeeds ? "true" : "false")}";
        using var response = await SendAsync(() => _http.GetAsync(path, ct));
        if (response.StatusCode == HttpStatusCode.NotFound)
            return null;
        await EnsureSuccessAsync(response, ct);
        return await response.Content.ReadAsStringAsync(ct);
    }

    public async Task<IReadOnlyList<CheckpointInfo>> ListCheckpointsAsync(Guid? experiment, bool includeDeleted, CancellationToken ct) =>
        await GetAsync<List<CheckpointInfo>>($"/api/checkpoints?includeDeleted={(includeDeleted ? "true" : "false")}{(experiment is { } id ? $"&experiment={id}" : "")}", ct) ?? [];

    /// <summary>Registers a dataset; returns it, or the server's reason.</summary>
    public Task<(DatasetInfo? Dataset, IReadOnlyDictionary<string, string[]> Errors)> RegisterDatasetAsync(string path, string? name, CancellationToken ct) =>
        PostAsync<DatasetInfo>("/api/datasets", new RegisterDatasetRequest(path, name), ct);

    /// <summary>Queues a sweep; returns its group and experiments, or the problems per field.</summary>
    public Task<(QueuedSweep? Sweep, IReadOnlyDictionary<string, string[]> Errors)> QueueSweepAsync(string configJson, string source, CancellationToken ct) =>
        PostAsync<QueuedSweep>("/api/sweeps", new QueueSweepRequest(configJson, source), ct);

    private async Task<(T? Value, IReadOnlyDictionary<string, string[]> Errors)> PostAsync<T>(string path, object body, CancellationToken ct) where T : class
    {
        using var response = await SendAsync(() => _http.PostAsJsonAsync(path, body, Json, ct));
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            var problem = await response.Content.ReadFromJsonAsync<HttpValidationProblem>(Json, ct);
            return (null, problem?.Errors ?? new Dictionary<string, string[]>());
        }
        await EnsureSuccessAsync(response, ct);
        return (await response.Content.ReadFromJsonAsync<T>(Json, ct), new Dictionary<string, string[]>());
    }
    public Task<QueueView?> GetQueueAsync(CancellationToken ct) => GetAsync<QueueView>("/api/queue", ct);

    private async Task<T?> GetAsync<T>(string path, CancellationToken ct) where T : class
    {
        using var response = await SendAsync(() => _http.GetAsync(path, ct));
        if (response.StatusCode == HttpStatusCode.NotFound)
            return null;
        await EnsureSuccessAsync(response, ct);
        return await response.Content.ReadFromJsonAsync<T>(Json, ct);
    }

    private async Task<HttpResponseMessage> SendAsync(Func<Task<HttpResponseMessage>> send)
    {
        try
        {
            return await send();
        }
        catch (HttpRequestException e) when (e.StatusCode is null)
        {
            throw new CsolServerUnreachableException($"No Csol server answers at {server} ({e.Message}). Start one with `csol serve`, or pass --server.");
        }
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"The server answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
    }

    public void Dispose() => _http.Dispose();

    private sealed record HttpValidationProblem(string? Title, Dictionary<string, string[]>? Errors);
}

internal sealed class CsolServerUnreachableException(string message) : Exception(message);
