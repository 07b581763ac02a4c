using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Csol.Learning;
using System.Text.Json;
using System.Text.Json.Serialization;
using Csol.Abstractions;
using Microsoft.Extensions.Options;

namespace Csol.Silo.ExperimentResults;

/// <summary>What the webhook receives when an experiment finishes.</summary>
public sealed record ExperimentFinishedNotification(
    Guid Id, string Name, string Status, IReadOnlyDictionary<string, double> Metrics, string? Error, string? Group,
    string? DatasetId, DateTimeOffset? FinishedAt, string Url);

/// <summary>POSTs <see cref="ExperimentFinishedNotification"/> to <c>Csol:Notifications:WebhookUrl</c>, if set. A webhook
/// that is down or slow is logged and forgotten: it must never change an experiment's outcome.</summary>
public sealed class WebhookNotifier(HttpClient http, IOptions<NotificationsOptions> options, ILogger<WebhookNotifier> logger, TimeProvider clock)
{
    public const string SignatureHeader = "X-Csol-Signature";
    public const string TimestampHeader = "X-Csol-Timestamp";

    private static readonly JsonSerializerOptions Json = CsolJson.Web;

    public async Task NotifyAsync(ExperimentSnapshot experiment)
    {
        if (string.IsNullOrWhiteSpace(options.Value.WebhookUrl))
            return;
        var body = new ExperimentFinishedNotification(experiment.Id, experiment.Name, experiment.Status.ToString(), experiment.FinalMetrics,
            experiment.Error, experiment.Group, experiment.DatasetId, experiment.FinishedAt, $"/experiments/{experiment.Id}");
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(options.Value.TimeoutSeconds));
            var json = JsonSerializer.Serialize(body, Json);
            using var request =
                new HttpRequestMessage(HttpMethod.Post,
                    options.Value.WebhookUrl)
                { Content = new StringContent(json, Encoding.UTF8, "application/json") };
            if (options.Value.WebhookSecret is { Length: > 0 } secret)
            {
                var timestamp = clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
                request.Headers.Add(TimestampHeader, timestamp);
                request.Headers.Add(SignatureHeader, "sha256=" + Sign(secret, timestamp, json));
            }
            using var response = await http.SendAsync(request, timeout.Token);
            if (!response.IsSuccessStatusCode)
                logger.LogWarning("Webhook {Url} answered {Status} for experiment {Id}", Redacted(options.Value.WebhookUrl), (int)response.StatusCode,
                    experiment.Id);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            // The exception's message may quote the URL; the log gets the redacted one only.
            logger.LogWarning("Webhook {Url} failed for experiment {Id}: {Kind}", Redacted(options.Value.WebhookUrl), experiment.Id,
                e.GetType().Name);
        }
    }

    /// <summary>Hex HMAC-SHA256 of <c>{timestamp}.{body}</c>: the receiver recomputes it with the shared secret and
    /// rejects old timestamps, so a payload can be neither forged nor replayed later.</summary>
    public static string Sign(string secret, string timestamp, string body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}")));

    /// <summary>The URL without user info, query or fragment (where webhook credentials live), for logs.</summary>
    public static string Redacted(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? $"{uri.Scheme}://{uri.Host}{(uri.IsDefaultPort ? "" : $":{uri.Port}")}{uri.AbsolutePath}"
            : "(invalid URL)";
}
