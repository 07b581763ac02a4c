using System.Text.Json;

namespace Csol.Learning.Data.AudioSet;

/// <summary>Writes <c>audioset_box.json</c>'s layout, so a generated set reads back with <see cref="AudioSetBoxReader"/>.</summary>
public static class AudioSetBoxWriter
{
    public static void Write(string path, IEnumerable<AudioSetBoxAnnotation> annotations)
    {
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream);
        json.WriteStartObject();
        foreach (var annotation in annotations)
        {
            json.WriteStartObject($"{annotation.YouTubeId}/{annotation.Second}");
            json.WriteStartArray("bbox");
            foreach (var box in annotation.Boxes)
            {
                json.WriteStartObject();
                json.WriteNumber("category", box.Category);
                BoxJson.Write(json, "normbox", box.Box);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }
}
