using System.Text.Json;
using System.Text.Json.Serialization;
using Csol.Learning.Data;
using SkiaSharp;

namespace Csol.Learning.Evaluation;

/// <summary>One class's map of a test image at the network's resolution, with what the truth says about the class.</summary>
/// <param name="Values">Q_c row by row (<see cref="ImageMapsFile.Rows"/> × <see cref="ImageMapsFile.Columns"/>), probabilities.</param>
/// <param name="TrulySounding">Whether the class sounds in the ground truth; null when it is not in the image.</param>
public sealed record ClassMapEntry(string Name, bool? TrulySounding, double Peak, float[] Values, IReadOnlyList<NormalizedBox> Boxes);

/// <summary>A test image's per-class maps as the evaluation saw them, so a viewer can threshold and toggle classes
/// itself: <c>evaluation/maps/NNNN.json</c> next to the frame <c>evaluation/maps/NNNN.png</c>.</summary>
public sealed record ImageMapsFile(int Image, int FrameSize, int Rows, int Columns, IReadOnlyList<string> Sounding, double CIoU,
    IReadOnlyList<ClassMapEntry> Classes)
{
    public const string Folder = "evaluation/maps";

    /// <summary>Where the maps of earlier stage-two epochs go: <c>evaluation/epochs/eNNN/maps/</c> (no frames: the
    /// test set, so each frame, is the final evaluation's).</summary>
    public const string EpochsFolder = "evaluation/epochs";

    public static string EpochKey(int epoch) => $"e{epoch:000}";

    public static string EpochFolder(string epochKey) => $"{EpochsFolder}/{epochKey}/maps";
    private static readonly JsonSerializerOptions Json = CsolJson.Web;

    public static string JsonName(int image) => $"{image:0000}.json";

    public static string FrameName(int image) => $"{image:0000}.png";

    /// <summary>Writes the maps and the frame (<paramref name="frameRgb"/> CHW in [0, 1]) under <paramref name="runDirectory"/>.</summary>
    public void Write(string runDirectory, float[] frameRgb)
    {
        var folder = Path.Combine(runDirectory, Folder);
        Directory.CreateDirectory(folder);
        using (var frame = ClassHeatmapRenderer.FrameBitmap(frameRgb, FrameSize))
        using (var png = frame.Encode(SKEncodedImageFormat.Png, 100))
        using (var file = File.Create(Path.Combine(folder, FrameName(Image))))
            png.SaveTo(file);
        File.WriteAllText(Path.Combine(folder, JsonName(Image)), JsonSerializer.Serialize(this, Json));
    }

    /// <summary>Writes the maps and the frame (<paramref name="frameRgb"/> CHW in [0, 1]) into <paramref name="folder"/>
    /// itself (stage one's per-epoch maps: <c>stage-one/evaluation/epoch-NNN/maps/</c>).</summary>
    public void WriteInto(string folder, float[] frameRgb)
    {
        Directory.CreateDirectory(folder);
        using (var frame = ClassHeatmapRenderer.FrameBitmap(frameRgb, FrameSize))
        using (var png = frame.Encode(SKEncodedImageFormat.Png, 100))
        using (var file = File.Create(Path.Combine(folder, FrameName(Image))))
            png.SaveTo(file);
        File.WriteAllText(Path.Combine(folder, JsonName(Image)), JsonSerializer.Serialize(this, Json));
    }

    /// <summary>Writes only the maps into <paramref name="folder"/> (relative to <paramref name="runDirectory"/>).</summary>
    public void WriteJson(string runDirectory, string folder)
    {
        var path = Path.Combine(runDirectory, folder);
        Directory.CreateDirectory(path);
        File.WriteAllText(Path.Combine(path, JsonName(Image)), JsonSerializer.Serialize(this, Json));
    }

    /// <summary>Reads one file; throws <see cref="InvalidDataException"/> naming it when it is not a maps file.</summary>
    public static ImageMapsFile Read(string path)
    {
        try
        {
            var maps = JsonSerializer.Deserialize<ImageMapsFile>(File.ReadAllText(path), Json)
                       ?? throw new InvalidDataException($"{path}: empty maps file");
            foreach (var c in maps.Classes)
                if (c.Values.Length != maps.Rows * maps.Columns)
                    throw new InvalidDataException($"{path}: class {c.Name} has {c.Values.Length} values, expected {maps.Rows}×{maps.Columns}");
            return maps;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a maps file ({e.Message})", e);
        }
    }
}
