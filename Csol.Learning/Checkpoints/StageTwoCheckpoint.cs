using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Csol.Learning.Clustering;
using Csol.Learning.Experiments;
using Csol.Learning.Models;

namespace Csol.Learning.Checkpoints;

/// <summary>A trained stage-two network in one file (<c>stage-two.ckpt</c>) plus its <see cref="CheckpointManifest"/>.</summary>
/// <remarks>Layout: magic <c>CSOLST2C</c>, format version, epoch, global step, the object dictionary (first, because
/// the network cannot be built without D), then the network's TorchSharp state dict. No optimizer: the pipeline
/// treats stage two as one resumable step, redone from stage one's checkpoint if it did not finish.</remarks>
public static class StageTwoCheckpoint
{
    private const string Magic = "CSOLST2C";
    private const int FormatVersion = 1;
    public const string FileName = "stage-two.ckpt";

    public static string Save(string directory, int epoch, int globalStep, StageTwoLocalizationNet net, ObjectDictionary dictionary,
        ExperimentConfig config, IReadOnlyDictionary<string, double> metrics)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName);
        var temporary = path + ".partial";
        using (var stream = File.Create(temporary))
        using (var writer = new BinaryWriter(stream, Encoding.UTF8))
        {
            writer.Write(Encoding.ASCII.GetBytes(Magic));
            writer.Write(FormatVersion);
            writer.Write(epoch);
            writer.Write(globalStep);
            dictionary.Write(writer);
            net.save(writer);
        }
        File.Move(temporary, path, overwrite: true);
        var manifest = new CheckpointManifest(FileName, Sha256(path), epoch, globalStep, DateTimeOffset.UtcNow,
            JsonNode.Parse(ExperimentConfigLoader.ToJson(config)), new Dictionary<string, double>(metrics));
        File.WriteAllText(StageOneCheckpoint.ManifestPath(path), manifest.ToJson());
        return path;
    }

    /// <summary>Builds the network described by <paramref name="config"/> and loads the checkpoint into it.</summary>
    public static (StageTwoLocalizationNet Net, ObjectDictionary Dictionary) Load(string path, ExperimentConfig config)
    {
        var manifestPath = StageOneCheckpoint.ManifestPath(path);
        if (File.Exists(manifestPath) && !string.Equals(CheckpointManifest.Parse(File.ReadAllText(manifestPath)).Sha256, Sha256(path), StringComparison.OrdinalIgnoreCase))
            throw new InvalidDataException($"{path}: SHA-256 differs from its manifest; the file is damaged or was replaced.");
        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        if (Encoding.ASCII.GetString(reader.ReadBytes(Magic.Length)) != Magic)
            throw new InvalidDataException($"{path} is not a stage-two checkpoint");
        var version = reader.ReadInt32();
        if (version != FormatVersion)
            throw new InvalidDataException($"{path}: checkpoint format {version}, this build reads {FormatVersion}");
        reader.ReadInt32(); // epoch
        reader.ReadInt32(); // global step
        var dictionary = ObjectDictionary.Read(reader);
        using var atoms = dictionary.ToTensor();
        var net = new StageTwoLocalizationNet(new StageOneLocalizationNet(config.Model, dictionary.Clusters), atoms);
        net.load(reader);
        return (net, dictionary);
    }

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
