using System.Text.Json;
using System.Text.Json.Nodes;

namespace Csol.Learning.Checkpoints;

/// <summary>The JSON file written beside every checkpoint: what it is, which config made it, and how it scored.</summary>
/// <param name="File">Checkpoint file name, relative to the manifest.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of that file; checked before a resume.</param>
/// <param name="Epoch">0-based epoch the checkpoint closes.</param>
/// <param name="GlobalStep">Progress steps (localization and classification) done so far.</param>
/// <param name="Config">The experiment config, in the loader's JSON shape.</param>
/// <param name="Metrics">The run's latest metrics when it was written (validation, nmi, baselines).</param>
public sealed record CheckpointManifest(
    string File, string Sha256, int Epoch, int GlobalStep, DateTimeOffset CreatedUtc, JsonNode? Config,
    IReadOnlyDictionary<string, double> Metrics)
{
    private static readonly JsonSerializerOptions Options = CsolJson.Document;

    public string ToJson() => JsonSerializer.Serialize(this, Options);

    public static CheckpointManifest Parse(string json)
        => JsonSerializer.Deserialize<CheckpointManifest>(json, Options) ?? throw new InvalidDataException("empty manifest");
}
