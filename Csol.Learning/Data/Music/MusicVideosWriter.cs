using System.Text.Json;

namespace Csol.Learning.Data.Music;

/// <summary>Writes a <see cref="MusicVideoList"/> in the release's layout, so <see cref="MusicVideosReader"/> reads it back.</summary>
public static class MusicVideosWriter
{
    public static void Write(string path, MusicVideoList list, ClassSpace? classes = null)
    {
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteNumber("version", list.Version);
        json.WriteStartObject("videos");
        foreach (var (group, ids) in list.Groups)
        {
            MusicVideoList.ClassesOf(group, path, classes);
            json.WriteStartArray(group);
            foreach (var id in ids)
                json.WriteStringValue(id);
            json.WriteEndArray();
        }
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
