using Csol.Learning.Models;
using System.Text.Json;
using System.Text.Json.Serialization;

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
    // Comments and trailing commas are accepted because people annotate their experiment files by hand.
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private static readonly JsonSerializerOptions SerializerOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        WriteIndented = true,
    };

    /// <summary>Loads and validates a config file. Throws <see cref="ExperimentConfigException"/>.</summary>
    public static ExperimentConfig LoadFile(string path)
    {
        if (!File.Exists(path))
            throw new ExperimentConfigException([new ConfigError(path, "", "file not found")]);
        var config = ParseUnvalidated(File.ReadAllText(path), path);
        if (config.Name.Length == 0)
            config = config with { Name = Path.GetFileNameWithoutExtension(path) };
        config = ResolvePaths(config, ConfigBaseDirectory(path));
        ThrowIfInvalid(config, path);
        return config;
    }

    /// <summary>Parses and validates config JSON; <paramref name="source"/> names it in errors.</summary>
    public static ExperimentConfig Parse(string json, string source)
    {
        var config = WithVisualInitDefault(ParseUnvalidated(json, source));
        ThrowIfInvalid(config, source);
        return config;
    }

    /// <summary>The folder relative paths in a config file are resolved against: the parent of the file's folder, i.e.
    /// the repository root for <c>experiments/x.json</c>, so <c>data/clipart</c> means the same from any working directory.</summary>
    public static string ConfigBaseDirectory(string configPath)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(configPath))!;
        return Path.GetDirectoryName(folder) ?? folder;
    }

    /// <summary>Fills <c>model.visualInit</c> when neither it nor <c>model.imagenetWeights</c> is given
    /// (<see cref="VisualInitialisation.Default"/>), so the stored config says what the run did.</summary>
    public static ExperimentConfig WithVisualInitDefault(ExperimentConfig config)
        => config.Model.VisualInit is { Length: > 0 } || config.Model.ImagenetWeights is { Length: > 0 }
            ? config
            : config with { Model = config.Model with { VisualInit = VisualInitialisation.Default(config) } };

    /// <summary>Makes <c>data.root</c>, <c>training.featureCacheFolder</c>, <c>model.imagenetWeights</c> and a file
    /// <c>model.visualInit</c> absolute against <paramref
    /// name="baseDirectory"/>
    /// (absolute paths are kept). Configs parsed from text (HTTP, stored runs) keep what they hold, which the process then
    /// reads against its working directory.</summary>
    public static ExperimentConfig ResolvePaths(ExperimentConfig config, string baseDirectory)
    {
        string? Resolve(string? path) => string.IsNullOrWhiteSpace(path) ? path : Path.GetFullPath(path, baseDirectory);
        return config with
        {
            Data = config.Data with { Root = Resolve(config.Data.Root) },
            Training = config.Training with { FeatureCacheFolder = Resolve(config.Training.FeatureCacheFolder) },
            Model = config.Model with
            {
                ImagenetWeights = Resolve(config.Model.ImagenetWeights),
                VisualInit = config.Model.VisualInit is { } init && VisualInitialisation.IsFile(init) ? Resolve(init) : config.Model.VisualInit,
            },
        };
    }

    /// <summary>Checks ranges and allowed values; returns every problem (empty when valid).</summary>
    public static IReadOnlyList<ConfigError> Validate(ExperimentConfig config, string source)
        => ExperimentConfigValidator.Validate(config, source);

    /// <summary>Serialises a config in the same JSON shape the loader reads (camelCase, indented).</summary>
    public static string ToJson(ExperimentConfig config) => JsonSerializer.Serialize(config, SerializerOptions);

    private static ExperimentConfig ParseUnvalidated(string json, string source)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException e)
        {
            // LineNumber and BytePositionInLine are 0-based; editors count from 1.
            var where = $"line {(e.LineNumber ?? 0) + 1}, position {(e.BytePositionInLine ?? 0) + 1}";
            throw new ExperimentConfigException([new ConfigError(source, "", $"malformed JSON at {where}")]);
        }

        using (document)
        {
            // Our own walk over the document reports every unknown field and wrong type at once;
            // the serializer alone would stop at the first one.
            var shapeErrors = ConfigShapeChecker.Check(document.RootElement, typeof(ExperimentConfig), source);
            if (shapeErrors.Count > 0)
                throw new ExperimentConfigException(shapeErrors);
            try
            {
                return document.RootElement.Deserialize<ExperimentConfig>(SerializerOptions)
                       ?? throw new ExperimentConfigException([new ConfigError(source, "", "expected a JSON object, got null")]);
            }
            catch (JsonException e)
            {
                // Safety net: the shape check should already have caught anything the serializer rejects.
                var field = e.Path is null ? "" : ConfigShapeChecker.ToFieldPath(e.Path);
                throw new ExperimentConfigException([new ConfigError(source, field, e.Message)]);
            }
        }
    }

    private static void ThrowIfInvalid(ExperimentConfig config, string source)
    {
        var errors = Validate(config, source);
        if (errors.Count > 0)
            throw new ExperimentConfigException(errors);
    }
}
