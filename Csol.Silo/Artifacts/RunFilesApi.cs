using Csol.Abstractions.Services;
using Microsoft.AspNetCore.StaticFiles;

namespace Csol.Silo.Artifacts;

/// <summary><c>GET /api/experiments/{id}/files/{path}</c>: a file a run wrote (frames, pictures, results), confined to
/// that run's folder. Readers need the read policy, like every API route.</summary>
public static class RunFilesApi
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public static IServiceCollection AddRunArtifacts(this IServiceCollection services) =>
        services.AddSingleton<RunFolders>().AddSingleton<IExperimentArtifacts, RunArtifacts>();

    public static IEndpointRouteBuilder MapRunFilesApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/experiments/{id:guid}/files/{**path}", (Guid id, string path, RunFolders folders) =>
            folders.Resolve(id, path) is { } file
                ? Results.File(file, ContentTypes.TryGetContentType(file, out var type) ? type : "application/octet-stream",
                    enableRangeProcessing: true)
                : Results.NotFound())
            .RequireAuthorization(Csol.Dashboard.Security.CsolPolicies.Read)
            .WithName("GetRunFile")
            .WithSummary("A file of an experiment's run folder (404 outside it or when missing).");
        return endpoints;
    }
}
