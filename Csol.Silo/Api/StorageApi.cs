using Csol.Abstractions.Services;
using System.Security.Claims;
using Csol.Dashboard.Security;
using Csol.Silo.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Csol.Silo.Api;

/// <summary>Disk use per experiment and in total (<c>GET /api/storage</c>).</summary>
public sealed record StorageView(DiskUsage Total, IReadOnlyDictionary<Guid, DiskUsage> Experiments, DateTimeOffset MeasuredAt);

/// <summary>Deleting experiments, disk use and garbage collection; mapped into the experiments group, so its access
/// rules apply.</summary>
public static class StorageApi
{
    public static RouteGroupBuilder MapStorageApi(this RouteGroupBuilder api)
    {
        api.MapDelete("/experiments/{id:guid}", DeleteAsync).RequireAuthorization(CsolPolicies.Write)
            .WithSummary("(Its owner or an admin.) "
                + "Delete a finished, cancelled or draft experiment: its run files go, its record stays (status Deleted), "
                + "its checkpoints are marked deleted and its leaderboard entries removed. 409 while it is queued or running.");
        api.MapGet("/storage", async (IStorageService storage) =>
            {
                var usage = await storage.GetUsageAsync();
                return new StorageView(usage.Total, usage.PerExperiment, usage.MeasuredAt);
            })
            .WithSummary("Disk use of the run folders, per experiment and in total (measured at most every 30 s).");
        api.MapPost("/storage/gc", (bool? dryRun, IStorageService storage) => storage.CollectAsync(dryRun ?? false))
            .RequireAuthorization(CsolPolicies.Admin)
            .WithSummary("(Admins.) " + "Apply checkpoint retention to every finished experiment and remove run folders of deleted ones; "
                + "`dryRun=true` reports without removing.");
        return api;
    }

    private static async Task<Results<Ok<DeleteResult>, NotFound<string>, ForbidHttpResult, Conflict<string>>> DeleteAsync(
        Guid id, ClaimsPrincipal user, IExperimentService experiments, ExperimentAccess access, IAuditTrail audit, IStorageService storage)
    {
        if (await experiments.GetAsync(id) is { } snapshot && !await access.MayManageAsync(user, id, snapshot.Owner, "experiment.delete"))
            return TypedResults.Forbid();
        var result = await storage.DeleteAsync(id);
        await audit.RecordAsync(ExperimentAccess.Actor(user), "experiment.delete", $"experiment {id}",
            result.Outcome == DeleteOutcome.Deleted ? "ok" : "refused", detail: result.Message);
        return result.Outcome switch
        {
            DeleteOutcome.Deleted => TypedResults.Ok(result),
            DeleteOutcome.NotFound => TypedResults.NotFound(result.Message),
            _ => TypedResults.Conflict(result.Message),
        };
    }
}
