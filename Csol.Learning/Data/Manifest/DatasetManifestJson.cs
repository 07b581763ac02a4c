using System.Text.Json;

namespace Csol.Learning.Data.Manifest;

/// <summary>
/// The one JSON form of a <see cref="DatasetManifest"/>: what <c>csol dataset inspect --json</c> prints and what a
/// dataset builder leaves as <c>manifest.json</c> in the folder it built.
/// </summary>
public static class DatasetManifestJson
{
    public const string FileName = "manifest.json";

    private static readonly JsonSerializerOptions Options = CsolJson.Document;

    public static string Serialize(DatasetManifest manifest) => JsonSerializer.Serialize(manifest, Options);

    /// <summary>Inspects <paramref name="root"/> and writes its manifest there. The root is recorded as <c>.</c> so two
    /// builds in different folders give identical files; the manifest is left out of the content hash
    /// (<see cref="ContentHasher"/>), so inspecting the folder later reproduces the recorded hash.</summary>
    public static DatasetManifest WriteFor(string root)
    {
        var manifest = DatasetInspector.Inspect(root) with { Root = "." };
        File.WriteAllText(Path.Combine(root, FileName), Serialize(manifest) + "\n");
        return manifest;
    }
}
