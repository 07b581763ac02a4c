using Csol.Learning;
using System.Net.Http.Json;
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
public sealed class WebhookNotifier(HttpClient http, IOptions<NotificationsOptions> options, ILogger<WebhookNotifier> logger)
{
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
            using var response = await http.PostAsJsonAsync(options.Value.WebhookUrl, body, Json, timeout.Token);
            if (!response.IsSuccessStatusCode)
                logger.LogWarning("Webhook {Url} answered {Status} for experiment {Id}", options.Value.WebhookUrl, (int)response.StatusCode, experiment.Id);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            logger.LogWarning("Webhook {Url} failed for experiment {Id}: {Message}", options.Value.WebhookUrl, experiment.Id, e.Message);
        }
    }
}
