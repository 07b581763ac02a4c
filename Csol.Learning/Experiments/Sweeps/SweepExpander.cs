using System.Text.Json;
using System.Text.Json.Nodes;

namespace Csol.Learning.Experiments.Sweeps;

/// <summary>Expands a sweep config (an experiment config plus <c>"sweep": { "mode", "samples", "seed", "parameters" }</c>)
/// into experiments: the grid's product in order (the last parameter varies fastest), or <c>samples</c> distinct grid
/// points drawn with <c>seed</c> (default: the config's seed). Every problem is reported, each naming its field, and an
/// invalid expanded config fails the whole sweep, so a sweep is queued whole or not at all.</summary>
public static class SweepExpander
{
    public const string SweepField = "sweep";
    public const string Grid = "grid";
    public const string Random = "random";

    /// <summary>More than this is almost certainly a typo in a list; split the sweep if it is meant.</summary>
    public const int MaxExperiments = 500;

    private static readonly string[] SweepFields = ["mode", "samples", "seed", "parameters", "earlyStopping"];
    private static readonly string[] NotSweepable = ["name", "group"];
    private static readonly JsonDocumentOptions DocumentOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <exception cref="ExperimentConfigException">Every problem of the sweep or of an expanded config.</exception>
    public static SweepPlan Expand(string json, string source)
    {
        var errors = new List<ConfigError>();
        void Fail(string field, string message) => errors.Add(new ConfigError(source, field, message));

        JsonObject config;
        try
        {
            config = JsonNode.Parse(json, documentOptions: DocumentOptions) as JsonObject
                ?? throw new ExperimentConfigException([new ConfigError(source, "", "expected a JSON object")]);
        }
        catch (JsonException e)
        {
            throw new ExperimentConfigException([new ConfigError(source, "", $"malformed JSON: {e.Message}")]);
        }
        if (config[SweepField] is not JsonObject sweep)
            throw new ExperimentConfigException([new ConfigError(source, SweepField,
                "expected an object such as { \"mode\": \"grid\", \"parameters\": { \"training.learningRate\": [0.001, 0.0003] } }")]);
        config.Remove(SweepField);

        foreach (var (key, _) in sweep)
            if (!SweepFields.Contains(key))
                Fail($"{SweepField}.{key}", $"unknown field (expected {string.Join(", ", SweepFields)})");
        var mode = ReadString(sweep, "mode", Grid, Fail);
        if (mode is not (Grid or Random))
            Fail($"{SweepField}.mode", $"expected \"{Grid}\" or \"{Random}\", got \"{mode}\"");
        var samples = ReadInt(sweep, "samples", Fail);
        var seed = ReadInt(sweep, "seed", Fail) ?? ReadConfigSeed(config);
        if (mode == Random && samples is null or <= 0)
            Fail($"{SweepField}.samples",
                $"random mode needs the number of experiments to draw (an integer ≥ 1), got {Describe(sweep["samples"])}");
        var parameters = ReadParameters(sweep, Fail);
        // Each member carries the rule, so the platform applies it while the sweep runs (ExperimentConfig.SweepEarlyStopping).
        var earlyStopping = sweep["earlyStopping"];
        if (earlyStopping is not (null or JsonObject))
            Fail($"{SweepField}.earlyStopping", "expected an object such as { \"metric\": \"val_loss\", \"warmupEpochs\": 2, \"rule\": \"median\" }");
        if (errors.Count > 0)
            throw new ExperimentConfigException(errors);

        var combinations = parameters.Aggregate(1L, (n, p) => n * p.Values.Count);
        var count = mode == Random ? samples!.Value : combinations;
        if (mode == Random && samples > combinations)
            Fail($"{SweepField}.samples", $"{samples} exceeds the {combinations} distinct combinations of the parameters");
        else if (count > MaxExperiments)
            Fail(mode == Random ? $"{SweepField}.samples" : $"{SweepField}.parameters", $"{count} experiments; at most {MaxExperiments} per sweep");
        if (errors.Count > 0)
            throw new ExperimentConfigException(errors);

        var name = config["name"] is JsonValue v && v.TryGetValue<string>(out var n) && n.Length > 0 ? n : Path.GetFileNameWithoutExtension(source);
        var indices = mode == Grid ? Enumerable.Range(0, (int)combinations).ToArray() : Draw((int)combinations, (int)count, seed);
        var experiments = new List<SweepExperiment>();
        foreach (var (index, number) in indices.Select((index, i) => (index, i + 1)))
        {
            var expanded = (JsonObject)config.DeepClone();
            var values = new List<KeyValuePair<string, string>>();
            var rest = index;
            for (var p = parameters.Count - 1; p >= 0; p--)
            {
                var parameter = parameters[p];
                var value = parameter.Values[rest % parameter.Values.Count];
                rest /= parameter.Values.Count;
                Set(expanded, parameter.Path, value?.DeepClone());
                values.Insert(0, new(parameter.Path, value?.ToJsonString() ?? "null"));
            }
            var experimentName = $"{name}-{number}";
            expanded["name"] = experimentName;
            expanded["group"] = name;
            if (earlyStopping is JsonObject rule)
                expanded["sweepEarlyStopping"] = rule.DeepClone();
            var text = expanded.ToJsonString(CsolJson.Indented);
            try
            {
                ExperimentConfigLoader.Parse(text, $"{source} [{experimentName}: {string.Join(", ", values.Select(kv => $"{kv.Key}={kv.Value}"))}]");
            }
            catch (ExperimentConfigException e)
            {
                errors.AddRange(e.Errors);
            }
            experiments.Add(new SweepExperiment(experimentName, text, values));
        }
        if (errors.Count > 0)
            throw new ExperimentConfigException(errors);
        return new SweepPlan(name, mode, (int)combinations, experiments);
    }

    private sealed record Parameter(string Path, JsonArray Values);

    private static List<Parameter> ReadParameters(JsonObject sweep, Action<string, string> fail)
    {
        var result = new List<Parameter>();
        if (sweep["parameters"] is not JsonObject parameters || parameters.Count == 0)
        {
            fail($"{SweepField}.parameters", "expected an object mapping config fields to lists of values, e.g. { \"seed\": [1, 2] }");
            return result;
        }
        var known = JsonNode.Parse(ExperimentConfigLoader.ToJson(new ExperimentConfig()))!.AsObject();
        foreach (var (path, values) in parameters)
        {
            var field = $"{SweepField}.parameters.{path}";
            if (NotSweepable.Contains(path))
                fail(field, $"\"{path}\" cannot be swept (each experiment is named <sweep>-<n> in group <sweep>)");
            else if (Lookup(known, path) is not { } found)
                fail(field, $"unknown config field \"{path}\"");
            else if (found is JsonObject)
                fail(field, $"\"{path}\" is a section; sweep its fields (e.g. {path}.{found.AsObject().First().Key})");
            else if (values is not JsonArray list)
                fail(field, $"expected a list of values, got {Describe(values)}");
            else if (list.Count == 0)
                fail(field, "expected at least one value, got an empty list");
            else
                result.Add(new Parameter(path, list));
        }
        return result;
    }

    /// <summary>The node at a dotted path of the default config (null values count as present), or null if absent.</summary>
    private static JsonNode? Lookup(JsonObject root, string path)
    {
        JsonNode? current = root;
        foreach (var part in path.Split('.'))
        {
            if (current is not JsonObject o || !o.ContainsKey(part))
                return null;
            current = o[part] ?? JsonValue.Create("(null)");
        }
        return current;
    }

    private static void Set(JsonObject root, string path, JsonNode? value)
    {
        var parts = path.Split('.');
        var current = root;
        foreach (var part in parts[..^1])
        {
            if (current[part] is not JsonObject next)
                current[part] = next = new JsonObject();
            current = next;
        }
        current[parts[^1]] = value;
    }

    /// <summary><paramref name="count"/> distinct indices of <c>0..total-1</c>, a seeded partial Fisher–Yates shuffle.</summary>
    private static int[] Draw(int total, int count, int seed)
    {
        var random = new System.Random(seed);
        var pool = Enumerable.Range(0, total).ToArray();
        for (var i = 0; i < count; i++)
        {
            var j = random.Next(i, total);
            (pool[i], pool[j]) = (pool[j], pool[i]);
        }
        return pool[..count];
    }

    private static string ReadString(JsonObject sweep, string key, string fallback, Action<string, string> fail)
    {
        if (sweep[key] is null)
            return fallback;
        if (sweep[key] is JsonValue value && value.TryGetValue<string>(out var text))
            return text;
        fail($"{SweepField}.{key}", $"expected a string, got {Describe(sweep[key])}");
        return fallback;
    }

    private static int? ReadInt(JsonObject sweep, string key, Action<string, string> fail)
    {
        if (sweep[key] is null)
            return null;
        if (sweep[key] is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<int>(out var number))
            return number;
        fail($"{SweepField}.{key}", $"expected an integer, got {Describe(sweep[key])}");
        return null;
    }

    private static int ReadConfigSeed(JsonObject config) =>
        config["seed"] is JsonValue v && v.TryGetValue<int>(out var seed) ? seed : new ExperimentConfig().Seed;

    private static string Describe(JsonNode? node) => node is null ? "nothing" : node.GetValueKind() switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => $"the string {node.ToJsonString()}",
        _ => node.ToJsonString(),
    };
}
