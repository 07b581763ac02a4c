using System.Text.Json;

namespace Csol.Learning.Data.Music;

/// <summary>
/// <c>categories.json</c>: <c>[{"name": "cello", "label": 0, "category_id": 1}, …]</c>, one object per class in label
/// order. Extra fields (MUSIC-Clipart adds <c>gm_program</c>, <c>percussion</c>) are written by the dataset's builder
/// and ignored here; <c>category_id</c> may be omitted for a class no annotation file uses.
/// </summary>
public static class ClassSpaceFile
{
    public static ClassSpace Read(string path)
    {
        using var stream = File.OpenRead(path);
        using var document = MusicVideosReader.ParseJson(stream, path);
        if (document.RootElement.ValueKind != JsonValueKind.Array)
            throw new InvalidDataException($"{path}: expected an array of {{\"name\", \"label\", \"category_id\"}} objects");
        var names = new List<string>();
        var classById = new Dictionary<int, int>();
        foreach (var entry in document.RootElement.EnumerateArray())
        {
            var where = $"{path}: entry {names.Count}";
            var name = entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String
                ? n.GetString()!
                : throw new InvalidDataException($"{where}: no string 'name'");
            // The label is the position (as for MUSIC's sorted list); a file disagreeing with itself is refused, not guessed.
            if (entry.TryGetProperty("label", out var label) && (!label.TryGetInt32(out var l) || l != names.Count))
                throw new InvalidDataException($"{where} ({name}): 'label' must equal its position {names.Count}");
            if (entry.TryGetProperty("category_id", out var id))
            {
                if (!id.TryGetInt32(out var categoryId))
                    throw new InvalidDataException($"{where} ({name}): 'category_id' must be an integer");
                if (!classById.TryAdd(categoryId, names.Count))
                    throw new InvalidDataException($"{where} ({name}): category_id {categoryId} is used twice");
            }
            names.Add(name);
        }
        try
        {
            return new ClassSpace(names, classById);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>Writes the class space; <paramref name="extra"/> adds a dataset's own fields to each class's object.</summary>
    public static void Write(string path, ClassSpace classes, Action<Utf8JsonWriter, int>? extra = null)
    {
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartArray();
        for (var label = 0; label < classes.Count; label++)
        {
            json.WriteStartObject();
            json.WriteString("name", classes.NameOf(label));
            json.WriteNumber("label", label);
            if (classes.AnnotatedClasses.Contains(label))
                json.WriteNumber("category_id", classes.ToCategoryId(label));
            extra?.Invoke(json, label);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }
}
