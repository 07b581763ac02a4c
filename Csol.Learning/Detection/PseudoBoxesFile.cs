using System.Text.Json;
using Csol.Learning.Data;

namespace Csol.Learning.Detection;

/// <summary><c>detection/pseudo-boxes.json</c>: the heatmap boxes of every training image, written once so a resumed
/// step trains on exactly the same boxes.</summary>
public static class PseudoBoxesFile
{
    public const string FileName = "pseudo-boxes.json";
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    private sealed record Row(int Image, int Class, double X, double Y, double Width, double Height, double Score);

    public static void Write(string path, IReadOnlyList<ScoredBox> boxes)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = path + ".partial";
        File.WriteAllText(temporary, JsonSerializer.Serialize(
            boxes.Select(b => new Row(b.Image, b.ClassIndex, b.Box.X, b.Box.Y, b.Box.Width, b.Box.Height, b.Score)), Options));
        File.Move(temporary, path, overwrite: true);
    }

    public static IReadOnlyList<ScoredBox> Read(string path)
        => (JsonSerializer.Deserialize<Row[]>(File.ReadAllText(path), Options) ?? throw new InvalidDataException($"{path} is empty"))
            .Select(r => new ScoredBox(r.Image, r.Class, new NormalizedBox(r.X, r.Y, r.Width, r.Height), r.Score)).ToArray();
}
