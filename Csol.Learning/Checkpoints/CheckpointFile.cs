using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Csol.Learning.Experiments;

namespace Csol.Learning.Checkpoints;

/// <summary>The envelope every checkpoint shares: a header (magic, format version, epoch, global step), a body the
/// stage writes, an atomic move into place, and a <see cref="CheckpointManifest"/> with the file's SHA-256 beside it.</summary>
public static class CheckpointFile
{
    public static string ManifestPath(string checkpointPath) => Path.ChangeExtension(checkpointPath, ".json");

    /// <summary>Writes header and body to <paramref name="path"/>, then its manifest; returns the path.</summary>
    public static string Write(string path, string magic, int formatVersion, int epoch, int globalStep, Action<BinaryWriter> body,
        ExperimentConfig config, IReadOnlyDictionary<string, double> metrics)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        // Written to a temporary name first so a crash mid-write never leaves a truncated file under the real name.
        var temporary = path + ".partial";
        using (var stream = File.Create(temporary))
        using (var writer = new BinaryWriter(stream, Encoding.UTF8))
        {
            writer.Write(Encoding.ASCII.GetBytes(magic));
            writer.Write(formatVersion);
            writer.Write(epoch);
            writer.Write(globalStep);
            body(writer);
        }
        File.Move(temporary, path, overwrite: true);
        var manifest = new CheckpointManifest(Path.GetFileName(path), Sha256(path), epoch, globalStep, DateTimeOffset.UtcNow,
            JsonNode.Parse(ExperimentConfigLoader.ToJson(config)), new Dictionary<string, double>(metrics));
        File.WriteAllText(ManifestPath(path), manifest.ToJson());
        return path;
    }

    /// <summary>Checks the file against its manifest (when present) and its header; the caller reads the body.</summary>
    /// <exception cref="InvalidDataException">Damaged or replaced file, another kind of checkpoint, or another format.</exception>
    public static CheckpointReader Open(string path, string magic, int formatVersion, string kind)
    {
        var manifestPath = ManifestPath(path);
        if (File.Exists(manifestPath)
            && !string.Equals(CheckpointManifest.Parse(File.ReadAllText(manifestPath)).Sha256, Sha256(path), StringComparison.OrdinalIgnoreCase))
            throw new InvalidDataException($"{path}: SHA-256 differs from its manifest; the file is damaged or was replaced.");
        var reader = new BinaryReader(File.OpenRead(path), Encoding.UTF8);
        try
        {
            if (Encoding.ASCII.GetString(reader.ReadBytes(magic.Length)) != magic)
                throw new InvalidDataException($"{path} is not a {kind} checkpoint");
            var version = reader.ReadInt32();
            if (version != formatVersion)
                throw new InvalidDataException($"{path}: checkpoint format {version}, this build reads {formatVersion}");
            return new CheckpointReader(reader, reader.ReadInt32(), reader.ReadInt32());
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}

/// <summary>An opened checkpoint positioned at its body.</summary>
public sealed record CheckpointReader(BinaryReader Reader, int Epoch, int GlobalStep) : IDisposable
{
    public void Dispose() => Reader.Dispose();
}
