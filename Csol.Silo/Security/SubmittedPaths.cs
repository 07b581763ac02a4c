using System.Text.Json;
using System.Text.Json.Nodes;
using Csol.Learning.Experiments;
using Csol.Silo.Datasets;

namespace Csol.Silo.Security;

/// <summary>Confines the paths of a config submitted to the server to <c>Csol:DataRoots</c>: <c>data.root</c>,
/// <c>model.imagenetWeights</c> and the <c>stageTwo</c> folders (relative ones are taken under <c>data.root</c>). It runs
/// before the config's own validation, which checks that files exist, and its message is the same whether an outside
/// path exists or not, so the server cannot be used to probe the file system.</summary>
public sealed class SubmittedPaths(DataRoots roots)
{
    public IReadOnlyList<ConfigError> Check(string configJson, string source)
    {
        JsonObject? config;
        try
        {
            config =
                JsonNode.Parse(configJson,
                    documentOptions: new JsonDocumentOptions
                    {
                        CommentHandling = JsonCommentHandling.Skip,
                        AllowTrailingCommas = true
                    }) as JsonObject;
        }
        catch (JsonException)
        {
            return []; // the config's parser reports it, with line and position
        }
        if (config is null)
            return [];
        var errors = new List<ConfigError>();
        var dataRoot = Text(config, "data", "root");
        // Relative stageTwo folders are read under data.root (checked itself); absolute ones are checked as they are.
        Confine(dataRoot, "data.root", underDataRoot: false, errors, source);
        Confine(Text(config, "model", "imagenetWeights"), "model.imagenetWeights", underDataRoot: false, errors, source);
        foreach (var field in new[] { "trainFolder", "testFolder", "testAnnotations" })
            Confine(Text(config, "stageTwo", field), $"stageTwo.{field}", underDataRoot: true, errors, source);
        return errors;
    }

    private void Confine(string? path, string field, bool underDataRoot, List<ConfigError> errors, string source)
    {
        if (string.IsNullOrWhiteSpace(path))
            return;
        var segments = path.Replace('\\', '/').Split('/');
        string full;
        if (Path.IsPathRooted(path))
            full = Path.GetFullPath(path);
        else if (underDataRoot)
        {
            if (segments.Contains(".."))
            {
                errors.Add(Error(field, source));
                return;
            }
            return; // under data.root, which is checked itself
        }
        else
            full = Path.GetFullPath(path);
        if (segments.Contains("..") || roots.Within(full) is null)
            errors.Add(Error(field, source));
    }

    private ConfigError Error(string field, string source) =>
        new(source, field, $"must lie under the server's data roots ({string.Join(", ", roots.Configured)}; setting Csol:DataRoots)");

    private static string? Text(JsonObject config, string section, string key) =>
        config[section] is JsonObject s && s[key] is JsonValue v && v.TryGetValue<string>(out var text) ? text : null;
}
