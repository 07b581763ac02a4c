using System.Globalization;
using System.Text.Json;
using Csol.Learning.Data.Music;

namespace Csol.Learning.Data.AudioSet;

/// <summary>Reads <c>audioset_box.json</c>: <c>{"&lt;ytid&gt;/&lt;second&gt;": {"bbox": [{"category", "normbox"}]}}</c>.</summary>
public static class AudioSetBoxReader
{
    public static IReadOnlyList<AudioSetBoxAnnotation> Read(string path)
    {
        using var stream = File.OpenRead(path);
        return Read(stream, path);
    }

    public static IReadOnlyList<AudioSetBoxAnnotation> Read(Stream stream, string source)
    {
        using var document = MusicVideosReader.ParseJson(stream, source);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
            throw new InvalidDataException($"{source}: expected an object keyed by '<ytid>/<second>'");
        return document.RootElement.EnumerateObject().Select(p => ReadKey(p.Name, p.Value, source)).ToArray();
    }

    private static AudioSetBoxAnnotation ReadKey(string key, JsonElement value, string source)
    {
        var where = $"{source}: {key}";
        var slash = key.LastIndexOf('/');
        if (slash <= 0 || !int.TryParse(key[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var second))
            throw new InvalidDataException($"{where}: key is not '<ytid>/<second>'");
        if (!value.TryGetProperty("bbox", out var list) || list.ValueKind != JsonValueKind.Array)
            throw new InvalidDataException($"{where}: missing 'bbox' array");
        var boxes = list.EnumerateArray().Select(b =>
        {
            if (!b.TryGetProperty("category", out var c) || !c.TryGetInt32(out var category)
                || category < 0 || category >= AudioSetBoxAnnotation.CategoryCount)
                throw new InvalidDataException($"{where}: 'category' must be an integer 0..{AudioSetBoxAnnotation.CategoryCount - 1}");
            var n = FrameAnnotationReader.Numbers(b, "normbox", where);
            return new AudioSetBox(category, new NormalizedBox(n[0], n[1], n[2], n[3]));
        }).ToArray();
        return new AudioSetBoxAnnotation(key, key[..slash], second, boxes);
    }
}
