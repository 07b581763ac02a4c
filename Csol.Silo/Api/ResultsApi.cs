using Csol.Abstractions;
using Csol.Abstractions.Services;
using Csol.Silo.ExperimentResults.Export;
using Csol.Dashboard.Security;
using Csol.Silo.Security;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Csol.Silo.Api;

/// <summary>Body of <c>POST /api/checkpoints/{id}/tags</c>.</summary>
public sealed record TagRequest(string Tag);

public static class ResultsApi
{
    public static IEndpointRouteBuilder MapResultsApi(this IEndpointRouteBuilder endpoints)
    {
        var boards = endpoints.MapGroup("/api/leaderboards").WithTags("Leaderboards").RequireAuthorization(CsolPolicies.Read);
        boards.MapGet("/", (ILeaderboardService leaderboards) => leaderboards.ListAsync())
            .WithSummary("Every leaderboard with entries: (dataset id, task).");
        boards.MapGet("/{datasetId}/{task}", GetLeaderboardAsync)
            .WithSummary("One leaderboard, best first; `top` limits the entries.");
        boards.MapGet("/{datasetId}/{task}/export", ExportLeaderboardAsync)
            .WithSummary("One leaderboard as text to paste into a paper: `format` csv, latex or markdown; `seeds=true` makes "
                + "experiments that differ only in seed one row (mean ± sample std, n).");

        var checkpoints = endpoints.MapGroup("/api/checkpoints").WithTags("Checkpoints").RequireAuthorization(CsolPolicies.Read);
        checkpoints.MapGet("/",
            (Guid? experiment, bool? includeDeleted, ICheckpointService service) => service.ListAsync(experiment, includeDeleted ?? false))
            .WithSummary("Checkpoints, newest first; `experiment` filters, `includeDeleted` adds those retention removed.");
        checkpoints.MapGet("/{id:guid}", GetCheckpointAsync).WithSummary("One checkpoint.");
        checkpoints.MapPost("/{id:guid}/tags", TagAsync).RequireAuthorization(CsolPolicies.Write).WithSummary("Tag a checkpoint.");
        return endpoints;
    }

    private static async Task<Results<Ok<Leaderboard>, NotFound>> GetLeaderboardAsync(string datasetId, string task, int? top,
        ILeaderboardService leaderboards)
    {
        if (await leaderboards.GetAsync(new LeaderboardKey(datasetId, task)) is not { } board)
            return TypedResults.NotFound();
        return TypedResults.Ok(top is { } n && n >= 0 && n < board.Entries.Count ? board with { Entries = board.Entries.Take(n).ToArray() } : board);
    }

    private static async Task<Results<ContentHttpResult, NotFound, ValidationProblem>> ExportLeaderboardAsync(
        string datasetId, string task, string? format, bool? seeds, ILeaderboardService leaderboards)
    {
        format ??= ExportFormats.Markdown;
        if (!ExportFormats.All.Contains(format))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["format"] = [$"expected one of {string.Join(", ", ExportFormats.All)}, got '{format}'"],
            });
        var text = await leaderboards.ExportAsync(new LeaderboardKey(datasetId, task), format, seeds ?? false);
        if (text is null)
            return TypedResults.NotFound();
        return TypedResults.Text(text, format == ExportFormats.Csv ? "text/csv; charset=utf-8" : "text/plain; charset=utf-8");
    }

    private static async Task<Results<Ok<CheckpointInfo>, NotFound>> GetCheckpointAsync(Guid id, ICheckpointService checkpoints) =>
        await checkpoints.GetAsync(id) is { } info ? TypedResults.Ok(info) : TypedResults.NotFound();

    private static async Task<Results<Ok<CheckpointInfo>, NotFound, ValidationProblem>> TagAsync(
        Guid id, TagRequest request, ClaimsPrincipal user, ICheckpointService checkpoints, IAuditTrail audit)
    {
        if (string.IsNullOrWhiteSpace(request.Tag))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["tag"] = ["must not be empty"] });
        if (await checkpoints.GetAsync(id) is null)
            return TypedResults.NotFound();
        var tagged = await checkpoints.TagAsync(id, request.Tag);
        await audit.RecordAsync(ExperimentAccess.Actor(user), "checkpoint.tag", $"checkpoint {id}", "ok", detail: request.Tag);
        return TypedResults.Ok(tagged);
    }
}
