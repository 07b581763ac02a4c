using System.Security.Claims;
using Csol.Abstractions.Services;
using Csol.Dashboard.Security;
using Csol.Silo.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Csol.Silo.Api;

/// <summary>Body of <c>POST /api/checkpoints/{id}/evaluate</c>.</summary>
/// <param name="Dataset">A registered dataset's id (<c>GET /api/datasets</c>).</param>
/// <param name="Split">A split inside it: an annotation file (<c>solotest.json</c>, <c>duettest.json</c>) or a
/// MUSIC-Synthetic folder (<c>synthetic/test</c>); <c>test</c> for a generated set. Default: the split the checkpoint's
/// own run was scored on.</param>
public sealed record EvaluateRequest(string Dataset, string? Split = null);

/// <summary>Body of <c>POST /api/experiments/{id}/repeat</c>: the seeds of the copies.</summary>
public sealed record RepeatRequest(IReadOnlyList<int> Seeds);

/// <summary>The experiments a workflow queued.</summary>
public sealed record QueuedExperiments(IReadOnlyList<QueuedExperiment> Experiments);

public static class WorkflowsApi
{
    public static IEndpointRouteBuilder MapWorkflowsApi(this IEndpointRouteBuilder endpoints)
    {
        var checkpoints = endpoints.MapGroup("/api/checkpoints").WithTags("Checkpoints").RequireAuthorization(CsolPolicies.Read);
        checkpoints.MapGet("/{id:guid}/splits", (Guid id, string dataset, IResearchWorkflows workflows) => workflows.ListSplitsAsync(id, dataset))
            .WithSummary("The splits of a dataset this checkpoint can be evaluated on (and why others cannot).");
        checkpoints.MapPost("/{id:guid}/evaluate", EvaluateAsync).RequireAuthorization(CsolPolicies.Write)
            .WithSummary("Queue an experiment of kind evaluation scoring this checkpoint on a dataset's split; it enters that dataset's "
                + "leaderboard with the checkpoint as its parent. Refused with the reason, and nothing queued, when it cannot run.");
        var experiments = endpoints.MapGroup("/api/experiments").WithTags("Experiments").RequireAuthorization(CsolPolicies.Write);
        experiments.MapPost("/{id:guid}/repeat", RepeatAsync)
            .WithSummary("Queue copies of the experiment's config with other seeds (same group; named {name}-seed{n}).");
        return endpoints;
    }

    private static async Task<Results<Created<QueuedExperiment>, NotFound<string>, ValidationProblem>> EvaluateAsync(
        Guid id, EvaluateRequest request, ClaimsPrincipal user, IResearchWorkflows workflows, IAuditTrail audit)
    {
        var result = await workflows.EvaluateAsync(id, request.Dataset ?? "", request.Split, user.Identity?.Name);
        await audit.RecordAsync(ExperimentAccess.Actor(user), "checkpoint.evaluate", $"checkpoint {id}", result.Queued ? "ok" : "failed",
            detail: result.Queued ? $"experiment {result.ExperimentIds[0]}" : string.Join("; ", result.Errors.Select(e => e.Message)));
        if (result.NotFound)
            return TypedResults.NotFound(result.Errors[0].Message);
        if (!result.Queued)
            return Problems(result, $"checkpoint {id} cannot be evaluated");
        var experiment = result.ExperimentIds[0];
        return TypedResults.Created($"/api/experiments/{experiment}", new QueuedExperiment(experiment, $"/experiments/{experiment}"));
    }

    private static async Task<Results<Created<QueuedExperiments>, NotFound<string>, ValidationProblem>> RepeatAsync(
        Guid id, RepeatRequest request, ClaimsPrincipal user, IResearchWorkflows workflows, IAuditTrail audit)
    {
        var result = await workflows.RepeatWithSeedsAsync(id, request.Seeds ?? [], user.Identity?.Name);
        await audit.RecordAsync(ExperimentAccess.Actor(user), "experiment.repeat", $"experiment {id}", result.Queued ? "ok" : "failed",
            detail: $"seeds {string.Join(",", request.Seeds ?? [])}");
        if (result.NotFound)
            return TypedResults.NotFound(result.Errors[0].Message);
        if (!result.Queued)
            return Problems(result, $"experiment {id} cannot be repeated");
        return TypedResults.Created($"/api/experiments/{id}",
            new QueuedExperiments(result.ExperimentIds.Select(e => new QueuedExperiment(e, $"/experiments/{e}")).ToArray()));
    }

    private static ValidationProblem Problems(WorkflowResult result, string title) => TypedResults.ValidationProblem(
        result.Errors.GroupBy(e => e.Field.Length > 0 ? e.Field : e.Source).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
        title: title);
}
