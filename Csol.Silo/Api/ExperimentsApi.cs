using Csol.Abstractions;
using Csol.Abstractions.Services;
using Csol.Dashboard.Security;
using Csol.Silo.Security;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Csol.Silo.Api;

/// <summary>Body of <c>POST /api/experiments</c>: a config as users write it, and where it came from.</summary>
/// <param name="Config">The experiment config JSON (the content of an <c>experiments/*.json</c> file).</param>
/// <param name="Source">Named in error messages, e.g. the file the CLI read. Default: "api".</param>
/// <param name="Priority">Overrides the config's <c>priority</c> when given (higher starts first).</param>
/// <param name="Draft">Save the validated config as a Draft instead of queueing it (queue it later with
/// <c>POST /api/experiments/{id}/queue</c>).</param>
public sealed record QueueExperimentRequest(string Config, string? Source, int? Priority = null, bool Draft = false);

/// <summary>Answer of a successful queue: the new experiment's id and where to follow it.</summary>
public sealed record QueuedExperiment(Guid Id, string Url);

public static class ExperimentsApi
{
    public static RouteGroupBuilder MapExperimentsApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").WithTags("Experiments").RequireAuthorization(CsolPolicies.Read);
        api.MapGet("/templates", (IExperimentService experiments, CancellationToken ct) => experiments.ListTemplatesAsync(ct))
            .WithSummary("Experiment configs in the server's experiments folder.");
        api.MapGet("/experiments", async (bool? includeDeleted, IExperimentService experiments, CancellationToken ct) =>
                (await experiments.ListAsync(ct)).Where(e => includeDeleted == true || e.Status != ExperimentStatus.Deleted).ToArray())
            .WithSummary("All experiments, newest first; deleted ones only with `includeDeleted=true`.");
        api.MapPost("/experiments", QueueAsync).RequireAuthorization(CsolPolicies.Write)
            .WithSummary("Validate a config and queue it (or, with \"draft\": true, save it as a draft); the caller becomes its owner.");
        api.MapPost("/experiments/{id:guid}/queue", QueueDraftAsync).RequireAuthorization(CsolPolicies.Write)
            .WithSummary("Queue a draft, checking its config again (its owner or an admin).");
        api.MapGet("/experiments/{id:guid}", GetAsync).WithSummary("One experiment's status, config and final metrics.");
        api.MapGet("/experiments/{id:guid}/metrics", GetMetricsAsync).WithSummary("Metric points, optionally from a step on.");
        api.MapGet("/experiments/{id:guid}/log", GetLogAsync).WithSummary("The experiment's log lines (attempts, steps, errors), oldest first.");
        api.MapPost("/experiments/{id:guid}/cancel", CancelAsync).RequireAuthorization(CsolPolicies.Write)
            .WithSummary("Cancel a queued or running experiment (its owner or an admin).");
        api.MapStorageApi();
        return api;
    }

    private static async Task<Results<Created<QueuedExperiment>, ValidationProblem>> QueueAsync(
        QueueExperimentRequest request, ClaimsPrincipal user, IExperimentService experiments, IAuditTrail audit, CancellationToken ct)
    {
        var source = string.IsNullOrWhiteSpace(request.Source) ? "api" : request.Source;
        var config = WithPriority(request.Config ?? "", request.Priority);
        var owner = user.Identity?.Name;
        var result = request.Draft ? await experiments.SaveDraftAsync(config, source, owner, ct)
            : await experiments.QueueAsync(config, source, owner, ct);
        var action = request.Draft ? "experiment.draft" : "experiment.queue";
        if (result.ExperimentId is not { } id)
        {
            await audit.RecordAsync(ExperimentAccess.Actor(user), action, source, "failed", detail: $"{result.Errors.Count} config problem(s)");
            return Problems(result, source);
        }
        await audit.RecordAsync(ExperimentAccess.Actor(user), action, $"experiment {id}", "ok", detail: source);
        return TypedResults.Created($"/api/experiments/{id}", new QueuedExperiment(id, $"/experiments/{id}"));
    }

    private static async Task<Results<Ok<QueuedExperiment>, NotFound, ForbidHttpResult, Conflict<string>, ValidationProblem>> QueueDraftAsync(
        Guid id, ClaimsPrincipal user, IExperimentService experiments, ExperimentAccess access, IAuditTrail audit, CancellationToken ct)
    {
        if (await experiments.GetAsync(id) is not { } draft)
            return TypedResults.NotFound();
        if (!await access.MayManageAsync(user, id, draft.Owner, "experiment.queue"))
            return TypedResults.Forbid();
        if (draft.Status != ExperimentStatus.Draft)
            return TypedResults.Conflict($"experiment {id} is {draft.Status}, not a draft");
        var result = await experiments.QueueDraftAsync(id, ct);
        await audit.RecordAsync(ExperimentAccess.Actor(user), "experiment.queue", $"experiment {id}", result.Queued ? "ok" : "failed",
            detail: "draft");
        return result.Queued ? TypedResults.Ok(new QueuedExperiment(id, $"/experiments/{id}")) : Problems(result, draft.ConfigSource);
    }

    /// <summary>Keys are the config's field paths, so a client can show each message next to its field.</summary>
    private static ValidationProblem Problems(QueueResult result, string source) => TypedResults.ValidationProblem(
        result.Errors.GroupBy(e => e.Field.Length > 0 ? e.Field : source).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
        title: $"{source} cannot be queued");

    /// <summary>The config with its <c>priority</c> replaced; a config that is not a JSON object is left for the
    /// validator to report.</summary>
    private static string WithPriority(string config, int? priority)
    {
        if (priority is null)
            return config;
        try
        {
            if (JsonNode.Parse(config) is not JsonObject json)
                return config;
            json["priority"] = priority.Value;
            return json.ToJsonString();
        }
        catch (JsonException)
        {
            return config;
        }
    }

    private static async Task<Results<Ok<ExperimentSnapshot>, NotFound>> GetAsync(Guid id, IExperimentService experiments) =>
        await experiments.GetAsync(id) is { } snapshot ? TypedResults.Ok(snapshot) : TypedResults.NotFound();

    private static async Task<Results<Ok<IReadOnlyList<MetricPoint>>, NotFound>> GetMetricsAsync(
        Guid id, int? fromStep, IExperimentService experiments)
    {
        if (await experiments.GetAsync(id) is null)
            return TypedResults.NotFound();
        var points = await experiments.GetMetricsAsync(id);
        return TypedResults.Ok<IReadOnlyList<MetricPoint>>(fromStep is { } from ? points.Where(p => p.Step >= from).ToArray() : points);
    }

    private static async Task<Results<Ok<IReadOnlyList<ExperimentLogLine>>, NotFound>> GetLogAsync(
        Guid id, IExperimentService experiments, IExperimentLog log) =>
        await experiments.GetAsync(id) is null ? TypedResults.NotFound() : TypedResults.Ok(await log.ReadAsync(id));

    private static async Task<Results<Ok<ExperimentSnapshot>, NotFound, ForbidHttpResult>> CancelAsync(
        Guid id, ClaimsPrincipal user, IExperimentService experiments, ExperimentAccess access, IAuditTrail audit)
    {
        if (await experiments.GetAsync(id) is not { } snapshot)
            return TypedResults.NotFound();
        if (!await access.MayManageAsync(user, id, snapshot.Owner, "experiment.cancel"))
            return TypedResults.Forbid();
        var cancelled = await experiments.CancelAsync(id);
        await audit.RecordAsync(ExperimentAccess.Actor(user), "experiment.cancel", $"experiment {id}", "ok", detail: $"now {cancelled.Status}");
        return TypedResults.Ok(cancelled);
    }
}
