using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Csol.Learning.Clustering;
using Csol.Learning.Experiments;
using Csol.Learning.Models;
using Csol.Learning.Training;
using static TorchSharp.torch;

namespace Csol.Learning.Checkpoints;

/// <summary>Everything a stage-one run needs to continue exactly where it stopped, in one file
/// (<c>stage-one-e{epoch:000}.ckpt</c>) plus its <see cref="CheckpointManifest"/> (<c>….json</c>) beside it.</summary>
/// <remarks>Layout (little-endian, <see cref="BinaryWriter"/>): magic <c>CSOLCKPT</c>, format version, epoch, global
/// step, torch's CPU generator state, the network in TorchSharp's state-dict format (<c>Module.save</c>, so the
/// weights alone can be read by any TorchSharp program that skips our header), the location optimizer (step count and
/// Adam moments), then the object dictionary with its cluster assignments, if one exists yet. Not stored: the
/// trainer's <see cref="Random"/>s, because every data order is a pure function of (seed, epoch, pass); and the heads'
/// optimizer, which is created afresh with the heads at every classification phase and so is empty at epoch end.</remarks>
public sealed record StageOneCheckpoint(int Epoch, int GlobalStep, ObjectDictionary? Dictionary)
{
    private const string Magic = "CSOLCKPT";
    private const int FormatVersion = 1;

    public static string FileName(int epoch) => $"stage-one-e{epoch:000}.ckpt";

    /// <summary>Writes the checkpoint and its manifest; returns the checkpoint's path.</summary>
    public static string Save(string directory, int epoch, int globalStep, StageOneLocalizationNet net, AdamOptimizer optimizer,
        ObjectDictionary? dictionary, ExperimentConfig config, IReadOnlyDictionary<string, double> metrics)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName(epoch));
        // Written to a temporary name first so a crash mid-write never leaves a truncated file under the real name.
        var temporary = path + ".partial";
        using (var stream = File.Create(temporary))
        using (var writer = new BinaryWriter(stream, Encoding.UTF8))
        {
            writer.Write(Encoding.ASCII.GetBytes(Magic));
            writer.Write(FormatVersion);
            writer.Write(epoch);
            writer.Write(globalStep);
            using var rng = get_rng_state();
            var rngBytes = rng.data<byte>().ToArray();
            writer.Write(rngBytes.Length);
            writer.Write(rngBytes);
            net.save(writer);
            optimizer.Save(writer);
            writer.Write(dictionary is not null);
            dictionary?.Write(writer);
        }
        File.Move(temporary, path, overwrite: true);

        var manifest = new CheckpointManifest(Path.GetFileName(path), Sha256(path), epoch, globalStep, DateTimeOffset.UtcNow,
            JsonNode.Parse(ExperimentConfigLoader.ToJson(config)), new Dictionary<string, double>(metrics));
        File.WriteAllText(ManifestPath(path), manifest.ToJson());
        return path;
    }

    /// <summary>Restores weights, optimizer and torch's generator in place and returns the rest.</summary>
    /// <exception cref="InvalidDataException">Not a checkpoint, or its SHA-256 differs from the manifest's.</exception>
    public static StageOneCheckpoint Load(string path, StageOneLocalizationNet net, AdamOptimizer optimizer)
    {
        var manifestPath = ManifestPath(path);
        if (File.Exists(manifestPath))
        {
            var expected = CheckpointManifest.Parse(File.ReadAllText(manifestPath)).Sha256;
            if (!string.Equals(expected, Sha256(path), StringComparison.OrdinalIgnoreCase))
                throw new InvalidDataException($"{path}: SHA-256 differs from its manifest; the file is damaged or was replaced.");
        }

        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        if (Encoding.ASCII.GetString(reader.ReadBytes(Magic.Length)) != Magic)
            throw new InvalidDataException($"{path} is not a stage-one checkpoint");
        var version = reader.ReadInt32();
        if (version != FormatVersion)
            throw new InvalidDataException($"{path}: checkpoint format {version}, this build reads {FormatVersion}");
        var epoch = reader.ReadInt32();
        var globalStep = reader.ReadInt32();
        var rngBytes = reader.ReadBytes(reader.ReadInt32());
        net.load(reader);
        optimizer.Load(reader);
        var dictionary = reader.ReadBoolean() ? ObjectDictionary.Read(reader) : null;
        using (var rng = tensor(rngBytes, dtype: ScalarType.Byte))
            set_rng_state(rng);
        return new StageOneCheckpoint(epoch, globalStep, dictionary);
    }

    public static string ManifestPath(string checkpointPath) => Path.ChangeExtension(checkpointPath, ".json");

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
