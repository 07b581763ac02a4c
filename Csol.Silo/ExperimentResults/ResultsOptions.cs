using System.ComponentModel.DataAnnotations;

namespace Csol.Silo.ExperimentResults;

/// <summary>Checkpoint retention, applied when an experiment completes. Section <c>Csol:Checkpoints</c>.</summary>
public sealed class CheckpointsOptions
{
    public const string Section = "Csol:Checkpoints";

    /// <summary>Checkpoint files kept per experiment and stage by their ranking metric, besides the latest one,
    /// which is always kept (it is what a resume or the next pipeline step reads).</summary>
    [Range(1, 1000)]
    public int KeepBest { get; set; } = 2;

    /// <summary>The metric retention ranks by (higher is better); empty: the leaderboard's ranking metric of the
    /// experiment's task (<c>val_iou@0.5</c> for stage one). A checkpoint without it ranks last.</summary>
    [RegularExpression("^[A-Za-z0-9_@.\\-]*$")]
    public string Metric { get; set; } = "";
}

/// <summary>Where to tell about finished experiments. Section <c>Csol:Notifications</c>.</summary>
public sealed class NotificationsOptions : IValidatableObject
{
    public const string Section = "Csol:Notifications";

    /// <summary>Optional http(s) URL that gets a JSON POST when an experiment completes, fails or is cancelled.</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>Signs each payload with HMAC-SHA256 (header <c>X-Csol-Signature</c>) when set. Give it through the
    /// environment (<c>Csol__Notifications__WebhookSecret</c>) or a settings file outside the repository, never in code.</summary>
    public string? WebhookSecret { get; set; }

    [Range(0.1, 300)]
    public double TimeoutSeconds { get; set; } = 10;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(WebhookUrl))
            yield break;
        if (!Uri.TryCreate(WebhookUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            yield return new ValidationResult($"expected an absolute http or https URL, got \"{WebhookUrl}\"", [nameof(WebhookUrl)]);
    }
}
