using System.Text.Json;

namespace Csol.Learning.Data.Music;

/// <summary>
/// Writes frame annotations exactly in the <c>solotest.json</c> layout (misspelled <c>wdith</c>, detector category ids),
/// so files we produce (e.g. the clip-art benchmark) are read by our reader and by the reference's evaluation scripts.
/// </summary>
public static class FrameAnnotationWriter
{
    /// <param name="classes">Maps each box's label to its <c>category_id</c>; <see cref="ClassSpace.Music"/> when null.</param>
    public static void Write(string path, IEnumerable<FrameAnnotation> frames, ClassSpace? classes = null)
    {
        using var stream = File.Create(path);
        Write(stream, frames, classes);
    }

    public static void Write(Stream stream, IEnumerable<FrameAnnotation> frames, ClassSpace? classes = null)
    {
        var space = classes ?? ClassSpace.Music;
        using var json = new Utf8JsonWriter(stream);
        json.WriteStartObject();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var frame in frames)
        {
            var key = FrameAnnotation.KeyFor(frame.Video, frame.Second, frame.FrameNumber);
            if (!keys.Add(key))
                throw new ArgumentException($"Frame {key} is written twice.", nameof(frames));
            json.WriteStartObject(key);
            json.WriteStartArray("bbox");
            foreach (var box in frame.Boxes)
                WriteBox(json, box, space);
            json.WriteEndArray();
            json.WriteNumber("wdith", frame.Width);
            json.WriteNumber("height", frame.Height);
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }

    private static void WriteBox(Utf8JsonWriter json, AnnotatedBox box, ClassSpace classes)
    {
        json.WriteStartObject();
        BoxJson.Write(json, "box", box.Pixels);
        BoxJson.Write(json, "normbox", box.Box);
        json.WriteNumber("category_id", classes.ToCategoryId(box.ClassIndex));
        json.WriteEndObject();
    }

    /// <summary>An annotated box from a normalised one, with the pixel box rounded as the reference's ints are.</summary>
    public static AnnotatedBox BoxFor(NormalizedBox box, int classIndex, int width, int height) =>
        new(new PixelBox(
                (int)Math.Round(box.X * width), (int)Math.Round(box.Y * height),
                (int)Math.Round(box.Width * width), (int)Math.Round(box.Height * height)),
            box, classIndex);
}
