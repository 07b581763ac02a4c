using System.Globalization;
using System.Text.Json;

namespace Csol.Dashboard.Components.Compare;

/// <summary>One config field that is not the same in every compared config; a null value means the field is absent there.</summary>
public sealed record ConfigDiffRow(string Path, IReadOnlyList<string?> Values);

/// <summary>Differences between 2–4 JSON configs, field by field: nested objects become dotted paths
/// (<c>training.learningRate</c>), arrays indexed paths (<c>evaluation.thresholds[1]</c>).</summary>
public static class ConfigDiff
{
    /// <summary>The fields whose value differs (or which some configs lack), in path order. A config that is not valid
    /// JSON is compared as a single <c>(invalid JSON)</c> value at the root.</summary>
    public static IReadOnlyList<ConfigDiffRow> Compare(IReadOnlyList<string> configs)
    {
        var flattened = configs.Select(Flatten).ToArray();
        var paths = flattened.SelectMany(f => f.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var rows = new List<ConfigDiffRow>();
        foreach (var path in paths)
        {
            var values = flattened.Select(f => f.GetValueOrDefault(path)).ToArray();
            if (values.Distinct(StringComparer.Ordinal).Count() > 1)
                rows.Add(new ConfigDiffRow(path, values));
        }
        return rows;
    }

    /// <summary>Leaf values by path, written as compact JSON so <c>1</c> and <c>"1"</c> stay apart.</summary>
    public static IReadOnlyDictionary<string, string> Flatten(string json)
    {
        var leaves = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            using var document = JsonDocument.Parse(json);
            Walk(document.RootElement, "", leaves);
        }
        catch (JsonException)
        {
            leaves[""] = "(invalid JSON)";
        }
        return leaves;
    }

    private static void Walk(JsonElement element, string path, Dictionary<string, string> leaves)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                    Walk(property.Value, path.Length == 0 ? property.Name : $"{path}.{property.Name}", leaves);
                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                    Walk(item, string.Create(CultureInfo.InvariantCulture, $"{path}[{i++}]"), leaves);
                if (i == 0)
                    leaves[path] = "[]";
                break;
            case JsonValueKind.Number:
                // 0.001 and 1e-3 are the same value.
                leaves[path] = element.GetDouble().ToString("R", CultureInfo.InvariantCulture);
                break;
            default:
                leaves[path] = element.GetRawText();
                break;
        }
    }
}
