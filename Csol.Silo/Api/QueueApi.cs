using Csol.Abstractions;
using Csol.Abstractions.Services;
using Csol.Dashboard.Security;
using Csol.Silo.Security;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Csol.Silo.Api;

/// <summary>Body of <c>POST /api/experiments/{id}/priority</c>.</summary>
/// <param name="Priority">The new priority (higher starts first).</param>
public sealed record PriorityRequest(int Priority);

/// <summary>Body of <c>POST /api/experiments/{id}/move</c>.</summary>
/// <param name="Position">0 = next to start, among the waiting experiments.</param>
public sealed record MoveRequest(int Position);

public static class QueueApi
{
    public static RouteGroupBuilder MapQueueApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").WithTags("Queue").RequireAuthorization(CsolPolicies.Read);
        api.MapGet("/queue", (IQueueService queue) => queue.GetQueueAsync())
            .WithSummary("Every device with what it runs, then the waiting experiments in the order they will start.");
        api.MapGet("/devices", async (IQueueService queue) => (await queue.GetQueueAsync()).Devices)
            .WithSummary("Every device of every host, with the experiment it runs.");
        api.MapPost("/experiments/{id:guid}/priority", SetPriorityAsync).RequireAuthorization(CsolPolicies.Write)
            .WithSummary("Change a waiting experiment's priority (409 when it is not waiting).");
        api.MapPost("/experiments/{id:guid}/move", MoveAsync).RequireAuthorization(CsolPolicies.Write)
            .WithSummary("Move a waiting experiment to a position in the queue (0 = next) by adjusting its priority.");
        return api;
    }

    private static async Task<Results<Ok<QueueView>, NotFound, ForbidHttpResult, Conflict<string>>> SetPriorityAsync(
        Guid id, PriorityRequest request, ClaimsPrincipal user, IQueueService queue, IExperimentService experiments, ExperimentAccess access,
            IAuditTrail audit)
    {
        if (await experiments.GetAsync(id) is not { } snapshot)
            return TypedResults.NotFound();
        if (!await access.MayManageAsync(user, id, snapshot.Owner, "experiment.reprioritise"))
            return TypedResults.Forbid();
        var changed = await queue.SetPriorityAsync(id, request.Priority);
        await audit.RecordAsync(ExperimentAccess.Actor(user), "experiment.reprioritise", $"experiment {id}", changed ? "ok" : "failed",
            detail: changed ? $"priority {request.Priority}" : $"{snapshot.Status}, not waiting");
        return changed
            ? TypedResults.Ok(await queue.GetQueueAsync())
            : TypedResults.Conflict($"Experiment {id} is {snapshot.Status}, not waiting: only waiting experiments can be reprioritised.");
    }

    private static async Task<Results<Ok<QueueView>, NotFound, ForbidHttpResult, Conflict<string>>> MoveAsync(
        Guid id, MoveRequest request, ClaimsPrincipal user, IQueueService queue, IExperimentService experiments, ExperimentAccess access,
            IAuditTrail audit)
    {
        if (await experiments.GetAsync(id) is not { } snapshot)
            return TypedResults.NotFound();
        if (!await access.MayManageAsync(user, id, snapshot.Owner, "experiment.move"))
            return TypedResults.Forbid();
        var moved = await queue.MoveAsync(id, request.Position);
        await audit.RecordAsync(ExperimentAccess.Actor(user), "experiment.move", $"experiment {id}", moved ? "ok" : "failed",
            detail: moved ? $"to position {request.Position}" : $"{snapshot.Status}, not waiting");
        return moved
            ? TypedResults.Ok(await queue.GetQueueAsync())
            : TypedResults.Conflict($"Experiment {id} is {snapshot.Status}, not waiting: only waiting experiments can be moved.");
    }
}
