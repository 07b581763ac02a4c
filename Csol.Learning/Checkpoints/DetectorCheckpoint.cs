using Csol.Learning.Detection;
using Csol.Learning.Experiments;
using Csol.Learning.Training;
using static TorchSharp.torch;

namespace Csol.Learning.Checkpoints;

/// <summary>A detector's epoch checkpoint (<c>detector-{name}-e{epoch:000}.ckpt</c> + manifest): header, torch's CPU
/// generator, the network (TorchSharp state dict) and its Adam state, so a resume continues exactly.</summary>
/// <remarks>The data order and flips are pure functions of (seed, epoch), so no other generator is stored.</remarks>
public static class DetectorCheckpoint
{
    private const string Magic = "CSOLDETC";
    private const int FormatVersion = 1;

    public static string FileName(string name, int epoch) => $"detector-{name}-e{epoch:000}.ckpt";

    public static string Pattern(string name) => $"detector-{name}-e*.ckpt";

    public static string Save(string directory, string name, int epoch, int globalStep, CenterNetDetector net, AdamOptimizer optimizer,
        ExperimentConfig config, IReadOnlyDictionary<string, double> metrics)
        => CheckpointFile.Write(Path.Combine(directory, FileName(name, epoch)), Magic, FormatVersion, epoch, globalStep, writer =>
        {
            using var rng = get_rng_state();
            var rngBytes = rng.data<byte>().ToArray();
            writer.Write(rngBytes.Length);
            writer.Write(rngBytes);
            net.save(writer);
            optimizer.Save(writer);
        }, config, metrics);

    /// <summary>Restores weights, optimizer and generator in place; returns (epoch, global step).</summary>
    public static (int Epoch, int GlobalStep) Load(string path, CenterNetDetector net, AdamOptimizer? optimizer)
    {
        using var file = CheckpointFile.Open(path, Magic, FormatVersion, "detector");
        var reader = file.Reader;
        var rngBytes = reader.ReadBytes(reader.ReadInt32());
        net.load(reader);
        if (optimizer is null)
            return (file.Epoch, file.GlobalStep);
        optimizer.Load(reader);
        using (var rng = tensor(rngBytes, dtype: ScalarType.Byte))
            set_rng_state(rng);
        return (file.Epoch, file.GlobalStep);
    }

    /// <summary>The newest checkpoint of <paramref name="name"/> whose manifest was written, or null.</summary>
    public static string? Newest(string directory, string name)
        => Directory.Exists(directory)
            ? Directory.GetFiles(directory, Pattern(name)).Where(f => File.Exists(CheckpointFile.ManifestPath(f)))
                .Order(StringComparer.Ordinal).LastOrDefault()
            : null;
}
