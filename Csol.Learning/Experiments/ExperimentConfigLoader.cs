namespace Csol.Learning.Experiments;

/// <summary>One problem found in a config: where it is and what was expected.</summary>
/// <param name="Source">The file (or form) the config came from.</param>
/// <param name="Field">JSON path of the field, e.g. <c>training.epochs</c>; empty for the whole document.</param>
/// <param name="Message">What is wrong and what was expected.</param>
public sealed record ConfigError(string Source, string Field, string Message)
{
    public override string ToString() => Field.Length == 0 ? $"{Source}: {Message}" : $"{Source}: {Field}: {Message}";
}

/// <summary>Thrown when a config cannot be used; carries every problem found, not only the first.</summary>
public sealed class ExperimentConfigException(IReadOnlyList<ConfigError> errors)
    : Exception(string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<ConfigError> Errors { get; } = errors;
}

/// <summary>Reads experiment configs strictly: unknown fields, wrong types and out-of-range values are errors.</summary>
public static class ExperimentConfigLoader
{
    /// <summary>Loads and validates a config file. Throws <see cref="ExperimentConfigException"/>.</summary>
    public static ExperimentConfig LoadFile(string path) => throw new NotImplementedException();

    /// <summary>Parses and validates config JSON; <paramref name="source"/> names it in errors.</summary>
    public static ExperimentConfig Parse(string json, string source) => throw new NotImplementedException();

    /// <summary>Checks ranges and allowed values; returns every problem (empty when valid).</summary>
    public static IReadOnlyList<ConfigError> Validate(ExperimentConfig config, string source) => throw new NotImplementedException();

    /// <summary>Serialises a config in the same JSON shape the loader reads (camelCase, indented).</summary>
    public static string ToJson(ExperimentConfig config) => throw new NotImplementedException();
}
