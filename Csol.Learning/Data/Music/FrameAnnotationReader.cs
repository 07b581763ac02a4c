using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Csol.Learning.Data.Music;

/// <summary>Reads <c>solotest.json</c>/<c>duettest.json</c> (spec §1.3), checking every key and box; errors name file and key.</summary>
public static partial class FrameAnnotationReader
{
    /// <param name="classes">The file's category id space; <see cref="ClassSpace.Music"/> when null.</param>
    public static IReadOnlyList<FrameAnnotation> Read(string path, ClassSpace? classes = null)
    {
        using var stream = File.OpenRead(path);
        return Read(stream, path, classes);
    }

    public static IReadOnlyList<FrameAnnotation> Read(Stream stream, string source, ClassSpace? classes = null)
    {
        var space = classes ?? ClassSpace.Music;
        using var document = MusicVideosReader.ParseJson(stream, source);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
            throw new InvalidDataException($"{source}: expected an object keyed by frame path");
        return document.RootElement.EnumerateObject().Select(p => ReadFrame(p.Name, p.Value, source, space)).ToArray();
    }

    private static FrameAnnotation ReadFrame(string key, JsonElement frame, string source, ClassSpace classes)
    {
        var match = KeyPattern().Match(key);
        if (!match.Success)
            throw new InvalidDataException($"{source}: {key}: key is not '<video>/frame_SSS/NNNNN.jpg'");
        var where = $"{source}: {key}";
        // The reference files spell the width key "wdith"; "width" is accepted too so hand-written files work.
        var width = frame.TryGetProperty("wdith", out var w) ? w : frame.TryGetProperty("width", out w) ? w : default;
        var height = frame.TryGetProperty("height", out var h) ? h : default;
        var boxes = frame.TryGetProperty("bbox", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(b => ReadBox(b, source, key, classes)).ToArray()
            : throw new InvalidDataException($"{where}: missing 'bbox' array");
        return new FrameAnnotation(
            key, match.Groups["video"].Value,
            int.Parse(match.Groups["second"].Value, CultureInfo.InvariantCulture),
            int.Parse(match.Groups["frame"].Value, CultureInfo.InvariantCulture),
            PositiveInt(width, "wdith", where), PositiveInt(height, "height", where), boxes);
    }

    private static AnnotatedBox ReadBox(JsonElement box, string source, string key, ClassSpace classes)
    {
        var where = $"{source}: {key}";
        var pixels = Numbers(box, "box", where);
        var normalized = Numbers(box, "normbox", where);
        if (!box.TryGetProperty("category_id", out var category) || !category.TryGetInt32(out var id))
            throw new InvalidDataException($"{where}: a box has no integer 'category_id'");
        return new AnnotatedBox(
            new PixelBox((int)pixels[0], (int)pixels[1], (int)pixels[2], (int)pixels[3]),
            new NormalizedBox(normalized[0], normalized[1], normalized[2], normalized[3]),
            classes.ToClassIndex(id, source, key));
    }

    internal static double[] Numbers(JsonElement box, string name, string where)
    {
        if (!box.TryGetProperty(name, out var array) || array.ValueKind != JsonValueKind.Array || array.GetArrayLength() != 4)
            throw new InvalidDataException($"{where}: '{name}' must be an array of 4 numbers");
        return array.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Number
            ? e.GetDouble()
            : throw new InvalidDataException($"{where}: '{name}' must be an array of 4 numbers")).ToArray();
    }

    private static int PositiveInt(JsonElement value, string name, string where) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) && n > 0
            ? n
            : throw new InvalidDataException($"{where}: '{name}' must be a positive integer");

    [GeneratedRegex(@"^(?<video>[^/]+)/frame_(?<second>\d+)/(?<frame>\d+)\.jpg$")]
    private static partial Regex KeyPattern();
}
