using Csol.Silo.Sweeps;
using Csol.Dashboard.Security;
using Csol.Abstractions.Services;
using Csol.Silo.Security;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Csol.Silo.Api;

/// <summary>Body of <c>POST /api/sweeps</c>: a sweep config (an experiment config plus <c>sweep</c>) and where it came from.</summary>
public sealed record QueueSweepRequest(string Config, string? Source);

/// <summary>A queued sweep: its group and its experiments, in expansion order.</summary>
public sealed record QueuedSweep(string Group, IReadOnlyList<Guid> Experiments);

public static class SweepsApi
{
    public static RouteGroupBuilder MapSweepsApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").WithTags("Sweeps").RequireAuthorization(CsolPolicies.Write);
        api.MapPost("/sweeps", QueueAsync)
            .WithSummary("Expand a sweep config (grid or random) and queue every experiment, or none if any is invalid.");
        return api;
    }

    private static async Task<Results<Created<QueuedSweep>, ValidationProblem>> QueueAsync(
        QueueSweepRequest request, ClaimsPrincipal user, SweepService sweeps, IAuditTrail audit, CancellationToken ct)
    {
        var source = string.IsNullOrWhiteSpace(request.Source) ? "api" : request.Source;
        var result = await sweeps.QueueAsync(request.Config ?? "", source, user.Identity?.Name, ct);
        await audit.RecordAsync(ExperimentAccess.Actor(user), "sweep.queue", result.Group is { } g ? $"sweep {g}" : source,
            result.Group is null ? "failed" : "ok",
            detail: result.Group is null ? null : $"{result.ExperimentIds.Count} experiments");
        if (result.Group is not { } group)
        {
            var errors = result.Errors
                .GroupBy(e => e.Field.Length > 0 ? e.Field : e.Source)
                .ToDictionary(g => g.Key, g => g.Select(e => e.Source == source ? e.Message : $"{e.Source}: {e.Message}").ToArray());
            return TypedResults.ValidationProblem(errors, title: $"{source} cannot be queued");
        }
        return TypedResults.Created($"/api/experiments?group={Uri.EscapeDataString(group)}", new QueuedSweep(group, result.ExperimentIds));
    }
}
