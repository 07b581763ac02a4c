using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Csol.Abstractions;
using Csol.Abstractions.Services;
using Csol.Silo.Api;
using Csol.Silo.Security;

namespace Csol.Silo.Cli;

/// <summary>The CLI's view of a running server's HTTP API; sends the API token (<c>CSOL_TOKEN</c> or <c>csol login</c>'s) when there is
/// one.</summary>
internal sealed class CsolApiClient : IDisposable
{
    private readonly Uri server;

    public CsolApiClient(Uri server, string? token)
    {
        this.server = server;
        _http = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null)
            _http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
    }

    public const string DefaultServer = "http://127.0.0.1:5080";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private readonly HttpClient _http;

    public Uri Server => server;

    /// <summary>Queues a config; returns the new id, or the problems per field.</summary>
    public async Task<(QueuedExperiment? Queued, IReadOnlyDictionary<string, string[]> Errors)> QueueAsync(
        string configJson, string source, int? priority, CancellationToken ct, bool draft = false)
    {
        using var response =
            await SendAsync(
                () => _http.PostAsJsonAsync("/api/experiments", new QueueExperimentRequest(configJson, source, priority, draft), Json, ct));
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
        GetAsync<Leaderboard>(
            $"/api/leaderboards/{Uri.EscapeDataString(key.DatasetId)}/{Uri.EscapeDataString(key.Task)}{(top is { } n ? $"?top={n}" : "")}", ct);

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
        await GetAsync<List<CheckpointInfo>>(
            $"/api/checkpoints?includeDeleted={(includeDeleted ? "true" : "false")}{(experiment is { } id ? $"&experiment={id}" : "")}", ct) ?? [];

    /// <summary>Deletes an experiment: the result, or null with the server's reason (404 or 409).</summary>
    public async Task<(DeleteResult? Deleted, string? Refusal)> DeleteExperimentAsync(Guid id, CancellationToken ct)
    {
        using var response = await SendAsync(() => _http.DeleteAsync($"/api/experiments/{id}", ct));
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Conflict)
            return (null, await response.Content.ReadFromJsonAsync<string>(Json, ct));
        await EnsureSuccessAsync(response, ct);
        return (await response.Content.ReadFromJsonAsync<DeleteResult>(Json, ct), null);
    }

    public async Task<GcReport> CollectGarbageAsync(bool dryRun, CancellationToken ct)
    {
        using var response = await SendAsync(() => _http.PostAsync($"/api/storage/gc?dryRun={(dryRun ? "true" : "false")}", null, ct));
        await EnsureSuccessAsync(response, ct);
        return (await response.Content.ReadFromJsonAsync<GcReport>(Json, ct))!;
    }

    /// <summary>Registers a dataset; returns it, or the server's reason.</summary>
    public Task<(DatasetInfo? Dataset, IReadOnlyDictionary<string, string[]> Errors)> RegisterDatasetAsync(string path, string? name,
        CancellationToken ct) =>
        PostAsync<DatasetInfo>("/api/datasets", new RegisterDatasetRequest(path, name), ct);

    /// <summary>Queues a sweep; returns its group and experiments, or the problems per field.</summary>
    public Task<(QueuedSweep? Sweep, IReadOnlyDictionary<string, string[]> Errors)> QueueSweepAsync(string configJson, string source,
        CancellationToken ct) =>
        PostAsync<QueuedSweep>("/api/sweeps", new QueueSweepRequest(configJson, source), ct);

    private async Task<(T? Value, IReadOnlyDictionary<string, string[]> Errors)> PostAsync<T>(string path, object body, CancellationToken ct) where T
        : class
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

    /// <summary>Signs in with a password; returns the server's token, or null when it refused (message in the error).</summary>
    public async Task<(TokenLoginResponse? Login, string? Error)> LoginAsync(string userName, string password, CancellationToken ct)
    {
        using var response =
            await SendAsync(
                () => _http.PostAsJsonAsync("/api/auth/token", new TokenLoginRequest(userName, password, $"csol login ({Environment.MachineName})"),
                Json, ct));
        if (response.IsSuccessStatusCode)
            return (await response.Content.ReadFromJsonAsync<TokenLoginResponse>(Json, ct), null);
        var problem = await ReadProblemAsync(response, ct);
        return (null, problem?.Title ?? $"the server answered {(int)response.StatusCode}");
    }

    public Task<(CreatedApiToken? Token, IReadOnlyDictionary<string, string[]> Errors)> CreateTokenAsync(string name, string scope, string expires,
        CancellationToken ct) =>
        PostAsync<CreatedApiToken>("/api/tokens", new CreateTokenRequest(name, scope, expires), ct);

    public async Task<IReadOnlyList<ApiTokenInfo>> ListTokensAsync(bool all, CancellationToken ct) =>
        await GetAsync<List<ApiTokenInfo>>($"/api/tokens?all={(all ? "true" : "false")}", ct) ?? [];

    /// <summary>False when the server has no such token of this user.</summary>
    public async Task<bool> RevokeTokenAsync(Guid id, CancellationToken ct)
    {
        using var response = await SendAsync(() => _http.PostAsync($"/api/tokens/{id}/revoke", null, ct));
        if (response.StatusCode == HttpStatusCode.NotFound)
            return false;
        await EnsureSuccessAsync(response, ct);
        return true;
    }

    private static async Task<HttpValidationProblem?> ReadProblemAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<HttpValidationProblem>(Json, ct);
        }
        catch (JsonException)
        {
            return null;
        }
    }

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
            throw new CsolServerUnreachableException(
                $"No Csol server answers at {server} ({e.Message}). Start one with `csol serve`, or pass --server.");
        }
    }

    private async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.StatusCode == HttpStatusCode.Unauthorized)
            throw new CsolAccessException(
                $"{server} needs a signed-in user: run `csol login --server {server}` or set {CliCredentials.TokenVariable} (the token may have "
                    + $"expired or been revoked).", 4);
        if (response.StatusCode == HttpStatusCode.Forbidden)
            throw new CsolAccessException(
                $"{server} refused: your role or your token's scope does not allow this (a read token cannot change anything; viewers cannot; "
                    + $"researchers act on their own experiments).", 5);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"The server answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
    }

    public void Dispose() => _http.Dispose();

    private sealed record HttpValidationProblem(string? Title, Dictionary<string, string[]>? Errors);
}

internal sealed class CsolServerUnreachableException(string message) : Exception(message);

/// <summary>401 (exit code 4) or 403 (exit code 5), with what to do about it.</summary>
internal sealed class CsolAccessException(string message, int exitCode) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
