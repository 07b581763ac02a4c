using Csol.Abstractions;
using Csol.Abstractions.Services;
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
        var api = endpoints.MapGroup("/api").WithTags("Queue");
        api.MapGet("/queue", (IQueueService queue) => queue.GetQueueAsync())
            .WithSummary("Every device with what it runs, then the waiting experiments in the order they will start.");
        api.MapGet("/devices", async (IQueueService queue) => (await queue.GetQueueAsync()).Devices)
            .WithSummary("Every device of every host, with the experiment it runs.");
        api.MapPost("/experiments/{id:guid}/priority", SetPriorityAsync)
            .WithSummary("Change a waiting experiment's priority (409 when it is not waiting).");
        api.MapPost("/experiments/{id:guid}/move", MoveAsync)
            .WithSummary("Move a waiting experiment to a position in the queue (0 = next) by adjusting its priority.");
        return api;
    }

    private static async Task<Results<Ok<QueueView>, NotFound, Conflict<string>>> SetPriorityAsync(
        Guid id, PriorityRequest request, IQueueService queue, IExperimentService experiments)
    {
        if (await experiments.GetAsync(id) is not { } snapshot)
            return TypedResults.NotFound();
        return await queue.SetPriorityAsync(id, request.Priority)
            ? TypedResults.Ok(await queue.GetQueueAsync())
            : TypedResults.Conflict($"Experiment {id} is {snapshot.Status}, not waiting: only waiting experiments can be reprioritised.");
    }

    private static async Task<Results<Ok<QueueView>, NotFound, Conflict<string>>> MoveAsync(
        Guid id, MoveRequest request, IQueueService queue, IExperimentService experiments)
    {
        if (await experiments.GetAsync(id) is not { } snapshot)
            return TypedResults.NotFound();
        return await queue.MoveAsync(id, request.Position)
            ? TypedResults.Ok(await queue.GetQueueAsync())
            : TypedResults.Conflict($"Experiment {id} is {snapshot.Status}, not waiting: only waiting experiments can be moved.");
    }
}
