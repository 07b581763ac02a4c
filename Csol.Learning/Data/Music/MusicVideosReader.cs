using System.Text.Json;

namespace Csol.Learning.Data.Music;

/// <summary>Reads <c>{"version": 1.0, "videos": {"&lt;group&gt;": [ytid, …]}}</c> (spec §1.2); every group must name classes of the class space
/// (MUSIC by default).</summary>
public static class MusicVideosReader
{
    public static MusicVideoList Read(string path, ClassSpace? classes = null)
    {
        using var stream = File.OpenRead(path);
        return Read(stream, path, classes);
    }

    public static MusicVideoList Read(Stream stream, string source, ClassSpace? classes = null)
    {
        using var document = ParseJson(stream, source);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("videos", out var videos) || videos.ValueKind != JsonValueKind.Object)
            throw new InvalidDataException($"{source}: expected an object with a 'videos' object");
        var version = root.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : 0;

        var groups = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var group in videos.EnumerateObject())
        {
            MusicVideoList.ClassesOf(group.Name, $"{source}: videos", classes);
            if (group.Value.ValueKind != JsonValueKind.Array)
                throw new InvalidDataException($"{source}: videos.{group.Name}: expected an array of YouTube ids");
            groups[group.Name] = group.Value.EnumerateArray()
                .Select(e => e.ValueKind == JsonValueKind.String
                    ? e.GetString()!
                    : throw new InvalidDataException($"{source}: videos.{group.Name}: expected strings, found {e.ValueKind}"))
                .ToArray();
        }
        return new MusicVideoList(version, groups);
    }

    internal static JsonDocument ParseJson(Stream stream, string source)
    {
        try
        {
            return JsonDocument.Parse(stream);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source}: not valid JSON ({e.Message})", e);
        }
    }
}
