using System.Text.Json;
using System.Text.Json.Nodes;

namespace Csol.Dashboard.Components.Experiments;

/// <summary>Reads and sets top-level fields of a config in the form's JSON, leaving the rest as the user wrote it.</summary>
public static class ConfigFields
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The config with <paramref name="field"/> set (or removed when <paramref name="value"/> is null); the
    /// text unchanged when it is not a JSON object, so the server reports what is wrong with it.</summary>
    public static string With(string json, string field, JsonNode? value)
    {
        if (Parse(json) is not JsonObject root)
            return json;
        if (value is null)
            root.Remove(field);
        else
            root[field] = value;
        return root.ToJsonString(Indented);
    }

    public static int? Int(string json, string field) =>
        Parse(json) is JsonObject root && root[field] is JsonValue v && v.TryGetValue<int>(out var i) ? i : null;

    public static string? Text(string json, string field) =>
        Parse(json) is JsonObject root && root[field] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>A past run's config ready to edit: named "{name}-clone" so the copy is told apart.</summary>
    public static string CloneOf(string json, string name) => With(json, "name", JsonValue.Create($"{name}-clone"));

    private static JsonNode? Parse(string json)
    {
        try
        {
            return JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
