using System.Text.Json;
using Csol.Learning.Data;

namespace Csol.Learning.Detection;

/// <summary>A box as the detection files store it: class name, frame fractions, score (1 for annotated boxes).</summary>
public sealed record DetectionEntry(string Class, double X, double Y, double Width, double Height, double Score);

/// <summary>One test image's annotated boxes and the detector's detections.</summary>
public sealed record DetectionImageEntry(int Image, IReadOnlyList<DetectionEntry> Truth, IReadOnlyList<DetectionEntry> Detections);

/// <summary><c>detection/detections-&lt;set&gt;.json</c>: what the detector found on one test set, for viewers
/// (the dashboard's Visualizations page draws it over the frames) and for re-scoring.</summary>
public sealed record DetectionsFile(string Set, IReadOnlyList<string> ClassNames, IReadOnlyList<DetectionImageEntry> Images)
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string FileName(string set) => $"detections-{set}.json";

    /// <summary>Where the detection step copies the file of the test set whose images are stage two's evaluation
    /// images, relative to the run folder, for the Visualizations page.</summary>
    public const string EvaluationPath = "evaluation/detections.json";

    public static DetectionsFile Create(DetectionSet test, IReadOnlyList<ScoredBox> detections, IReadOnlyList<string> names)
    {
        static DetectionEntry Entry(string name, NormalizedBox b, double score) => new(name, b.X, b.Y, b.Width, b.Height, score);
        var byImage = detections.GroupBy(d => d.Image).ToDictionary(g => g.Key, g => g.OrderByDescending(d => d.Score).ToArray());
        return new DetectionsFile(test.Name, names, test.Images.Select(i => new DetectionImageEntry(i.Index,
            i.Boxes.Select(b => Entry(names[b.ClassIndex], b.Box, 1)).ToArray(),
            (byImage.GetValueOrDefault(i.Index) ?? []).Select(d => Entry(names[d.ClassIndex], d.Box, d.Score)).ToArray())).ToArray());
    }

    public void Write(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = path + ".partial";
        File.WriteAllText(temporary, JsonSerializer.Serialize(this, Options));
        File.Move(temporary, path, overwrite: true);
    }

    public static DetectionsFile Read(string path)
        => JsonSerializer.Deserialize<DetectionsFile>(File.ReadAllText(path), Options) ?? throw new InvalidDataException($"{path} is empty");
}
