using System.Text.Json;

namespace Csol.Learning.Data.Clipart;

/// <summary>
/// Writes the class lists, annotations and category table in MUSIC's layouts. Part B's
/// <c>MusicVideosWriter</c>/<c>FrameAnnotationWriter</c> only accept MUSIC's 11 classes and the 7 detector ids, while
/// MUSIC-Clipart also has harp, piano, … with ids ≥ 100; the bytes are the same layout (<c>wdith</c> included), and for
/// a build of MUSIC classes only, part B's readers read these files back (the tests check that).
/// </summary>
public static class ClipartListWriter
{
    /// <summary><c>MUSIC_solo_videos.json</c>/<c>MUSIC_duet_videos.json</c>: <c>{"version":1.0,"videos":{group:[ids]}}</c>.</summary>
    public static void WriteVideoList(string path, IEnumerable<ClipartVideoPlan> plans)
    {
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteNumber("version", 1.0);
        json.WriteStartObject("videos");
        foreach (var group in plans.GroupBy(p => string.Join(' ', p.Instruments.Select(i => i.Name))).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            json.WriteStartArray(group.Key);
            foreach (var plan in group)
                json.WriteStringValue(plan.Id);
            json.WriteEndArray();
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary><c>solotest.json</c>/<c>duettest.json</c> for the given frames (spec §1.3), every instrument sounding.</summary>
    public static void WriteAnnotations(string path, IEnumerable<ClipartFrame> frames, int size)
    {
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream);
        json.WriteStartObject();
        foreach (var frame in frames)
        {
            json.WriteStartObject(frame.Key);
            json.WriteStartArray("bbox");
            foreach (var box in frame.Boxes.Where(b => !b.Pixels.IsEmpty))
            {
                var normal = ClipartVideoBuilder.Normalise(box.Pixels, size);
                json.WriteStartObject();
                json.WriteStartArray("box");
                foreach (var v in new[] { box.Pixels.Left, box.Pixels.Top, box.Pixels.Width, box.Pixels.Height })
                    json.WriteNumberValue(v);
                json.WriteEndArray();
                json.WriteStartArray("normbox");
                foreach (var v in new[] { normal.X, normal.Y, normal.Width, normal.Height })
                    json.WriteNumberValue(v);
                json.WriteEndArray();
                json.WriteNumber("category_id", box.Instrument.CategoryId);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteNumber("wdith", size);
            json.WriteNumber("height", size);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    /// <summary><c>categories.json</c>: every class with its label (sorted position), detector id and GM program.</summary>
    public static void WriteCategories(string path, IReadOnlyList<ClipartInstrument> classes)
    {
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartArray();
        for (var label = 0; label < classes.Count; label++)
        {
            var c = classes[label];
            json.WriteStartObject();
            json.WriteString("name", c.Name);
            json.WriteNumber("label", label);
            json.WriteNumber("category_id", c.CategoryId);
            json.WriteBoolean("detector_class", c.CategoryId < 100);
            json.WriteNumber("gm_program", c.Percussion ? -1 : c.Program);
            json.WriteBoolean("percussion", c.Percussion);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
