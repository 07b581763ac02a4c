using System.Reflection;
using System.Text.Json;

namespace Csol.Learning.Experiments;

/// <summary>Compares a JSON document with the config records: unknown fields and wrong value types, all of them.</summary>
internal static class ConfigShapeChecker
{

    public static List<ConfigError> Check(JsonElement root, Type recordType, string source)
    {
        var errors = new List<ConfigError>();
        CheckObject(root, recordType, "", source, errors);
        return errors;
    }

    /// <summary>Turns a System.Text.Json path such as <c>$.training.epochs</c> into <c>training.epochs</c>.</summary>
    public static string ToFieldPath(string jsonPath) => jsonPath.StartsWith("$.") ? jsonPath[2..] : jsonPath.TrimStart('$');

    private static void CheckObject(JsonElement element, Type recordType, string path, string source, List<ConfigError> errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new ConfigError(source, path, $"expected an object, got {Describe(element)}"));
            return;
        }

        var properties = recordType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite)
            .ToDictionary(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name), StringComparer.Ordinal);

        foreach (var member in element.EnumerateObject())
        {
            var fieldPath = path.Length == 0 ? member.Name : $"{path}.{member.Name}";
            if (!properties.TryGetValue(member.Name, out var property))
            {
                errors.Add(new ConfigError(source, fieldPath, "unknown field"));
                continue;
            }
            // `string?` fields (e.g. model.imagenetWeights) accept null; reflection sees them as plain strings.
            if (member.Value.ValueKind == JsonValueKind.Null && new NullabilityInfoContext().Create(property).WriteState == NullabilityState.Nullable)
                continue;
            CheckValue(member.Value, property.PropertyType, fieldPath, source, errors);
        }
    }

    private static void CheckValue(JsonElement value, Type type, string path, string source, List<ConfigError> errors)
    {
        type = Nullable.GetUnderlyingType(type) ?? type; // `double?` fields take numbers (null is handled by the caller)
        var expected = ExpectedName(type);
        var ok = type switch
        {
            _ when type == typeof(int) => value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out _),
            _ when type == typeof(double) => value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out _),
            _ when type == typeof(bool) => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
            _ when type == typeof(string) => value.ValueKind == JsonValueKind.String,
            _ when type == typeof(IReadOnlyList<string>) => value.ValueKind == JsonValueKind.Array
                && value.EnumerateArray().All(item => item.ValueKind == JsonValueKind.String),
            _ when type == typeof(IReadOnlyDictionary<string, double[]>) => value.ValueKind == JsonValueKind.Object
                && value.EnumerateObject().All(p => p.Value.ValueKind == JsonValueKind.Array
                    && p.Value.EnumerateArray().All(item => item.ValueKind == JsonValueKind.Number)),
            _ => true,
        };

        if (expected is null)
        {
            CheckObject(value, type, path, source, errors);
            return;
        }
        if (!ok)
            errors.Add(new ConfigError(source, path, $"expected {expected}, got {Describe(value)}"));
    }

    private static string? ExpectedName(Type type) => type switch
    {
        _ when type == typeof(int) => "an integer",
        _ when type == typeof(double) => "a number",
        _ when type == typeof(bool) => "true or false",
        _ when type == typeof(string) => "a string",
        _ when type == typeof(IReadOnlyList<string>) => "an array of strings", // detection.testAnnotations
        _ when type == typeof(IReadOnlyDictionary<string, double[]>) => "an object of number lists", // probe.curves
        _ => null, // a nested config record
    };

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"string \"{value.GetString()}\"",
        JsonValueKind.Number => $"number {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => value.ValueKind.ToString(),
    };
}
