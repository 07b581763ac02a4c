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
        ObjectDictionary? dictionary, ExperimentConfig config, IReadOnlyDictionary<string, double> metrics) =>
        CheckpointFile.Write(Path.Combine(directory, FileName(epoch)), Magic, FormatVersion, epoch, globalStep, writer =>
        {
            using var rng = get_rng_state();
            var rngBytes = rng.data<byte>().ToArray();
            writer.Write(rngBytes.Length);
            writer.Write(rngBytes);
            net.save(writer);
            optimizer.Save(writer);
            writer.Write(dictionary is not null);
            dictionary?.Write(writer);
        }, config, metrics);

    /// <summary>Restores weights, optimizer and torch's generator in place and returns the rest.</summary>
    /// <exception cref="InvalidDataException">Not a checkpoint, or its SHA-256 differs from the manifest's.</exception>
    public static StageOneCheckpoint Load(string path, StageOneLocalizationNet net, AdamOptimizer optimizer)
    {
        using var file = CheckpointFile.Open(path, Magic, FormatVersion, "stage-one");
        var reader = file.Reader;
        var rngBytes = reader.ReadBytes(reader.ReadInt32());
        net.load(reader);
        optimizer.Load(reader);
        var dictionary = reader.ReadBoolean() ? ObjectDictionary.Read(reader) : null;
        using (var rng = tensor(rngBytes, dtype: ScalarType.Byte))
            set_rng_state(rng);
        return new StageOneCheckpoint(file.Epoch, file.GlobalStep, dictionary);
    }

    public static string ManifestPath(string checkpointPath) => CheckpointFile.ManifestPath(checkpointPath);

    /// <summary>The newest epoch checkpoint in <paramref name="directory"/>, or null. Only checkpoints whose manifest
    /// was written too (a crash can fall between the two): the resume point is read from it.</summary>
    public static string? Newest(string directory) => Directory.Exists(directory)
        ? Directory.GetFiles(directory, "stage-one-e*.ckpt").Where(f => File.Exists(ManifestPath(f)))
            .Order(StringComparer.Ordinal).LastOrDefault()
        : null;
}
