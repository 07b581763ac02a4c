using Csol.Abstractions;
using Csol.Abstractions.Services;
using Csol.Silo.Datasets;
using Csol.Dashboard.Security;
using Csol.Silo.Security;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.StaticFiles;

namespace Csol.Silo.Api;

/// <summary>Body of <c>POST /api/datasets</c>: a folder under a data root (relative to a root, or absolute inside one).</summary>
public sealed record RegisterDatasetRequest(string Path, string? Name);

public static class DatasetsApi
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public static RouteGroupBuilder MapDatasetsApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/datasets").WithTags("Datasets").RequireAuthorization(CsolPolicies.Read);
        api.MapGet("/", (IDatasetService datasets) => datasets.ListAsync()).WithSummary("Registered datasets.");
        api.MapPost("/", RegisterAsync).RequireAuthorization(CsolPolicies.Write)
            .WithSummary("Register a folder under a data root: inspect it and hash its content.");
        api.MapGet("/{id}", GetAsync).WithSummary("One dataset, with the experiments that used it.");
        api.MapGet("/{id}/samples", GetSamplesAsync).WithSummary("Annotated frames with their boxes, spread over the classes.");
        api.MapGet("/{id}/files/{**path}", GetFileAsync).WithSummary("A file of a dataset (frames for the samples); only under the data roots.");
        return api;
    }

    private static async Task<Results<Created<DatasetInfo>, ValidationProblem>> RegisterAsync(
        RegisterDatasetRequest request, ClaimsPrincipal user, IDatasetService datasets, IAuditTrail audit)
    {
        try
        {
            var info = await datasets.RegisterAsync(request.Path ?? "", request.Name);
            await audit.RecordAsync(ExperimentAccess.Actor(user), "dataset.register", $"dataset {info.Id}", "ok", detail: request.Path);
            return TypedResults.Created($"/api/datasets/{info.Id}", info);
        }
        catch (ArgumentException e)
        {
            await audit.RecordAsync(ExperimentAccess.Actor(user), "dataset.register", request.Path ?? "", "failed");
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["path"] = [e.Message.Split(" (Parameter")[0]] },
                title: "The dataset cannot be registered");
        }
    }

    private static async Task<Results<Ok<DatasetInfo>, NotFound>> GetAsync(string id, IDatasetService datasets) =>
        await datasets.GetAsync(id) is { } info ? TypedResults.Ok(info) : TypedResults.NotFound();

    private static async Task<Results<Ok<IReadOnlyList<DatasetSample>>, NotFound>> GetSamplesAsync(string id, int? count, IDatasetService datasets) =>
        await datasets.GetAsync(id) is null
            ? TypedResults.NotFound()
            : TypedResults.Ok(await datasets.GetSamplesAsync(id, Math.Clamp(count ?? 12, 1, 200)));

    /// <summary>Serves a file under the dataset's folder, after resolving links, and only while that folder is under a data root.</summary>
    private static async Task<Results<PhysicalFileHttpResult, NotFound>> GetFileAsync(string id, string path, DatasetService datasets,
        DataRoots roots)
    {
        if (await datasets.GetAsync(id) is not { } info || datasets.Folder(info) is not { } folder)
            return TypedResults.NotFound();
        string real;
        try
        {
            (real, _) = roots.Resolve(Path.Combine(folder, path));
        }
        catch (ArgumentException)
        {
            return TypedResults.NotFound();
        }
        var inside = real.StartsWith(folder.TrimEnd('/') + "/", StringComparison.Ordinal);
        if (!inside || !File.Exists(real))
            return TypedResults.NotFound();
        return TypedResults.PhysicalFile(real, ContentTypes.TryGetContentType(real, out var type) ? type : "application/octet-stream");
    }
}
