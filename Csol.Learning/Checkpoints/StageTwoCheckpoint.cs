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

    /// <summary>Glob of the per-epoch files; the last epoch has none (it is <see cref="FileName"/>).</summary>
    public const string EpochPattern = "stage-two-e*.ckpt";

    /// <summary>The state after an earlier epoch, kept so the evaluation can save that epoch's maps too.</summary>
    public static string EpochFileName(int epoch) => $"stage-two-e{epoch:000}.ckpt";

    public static string Save(string directory, int epoch, int globalStep, StageTwoLocalizationNet net, ObjectDictionary dictionary,
        ExperimentConfig config, IReadOnlyDictionary<string, double> metrics, string fileName = FileName) =>
        CheckpointFile.Write(Path.Combine(directory, fileName), Magic, FormatVersion, epoch, globalStep, writer =>
        {
            dictionary.Write(writer);
            net.save(writer);
        }, config, metrics);

    /// <summary>Builds the network described by <paramref name="config"/> and loads the checkpoint into it.</summary>
    public static (StageTwoLocalizationNet Net, ObjectDictionary Dictionary) Load(string path, ExperimentConfig config)
    {
        using var file = CheckpointFile.Open(path, Magic, FormatVersion, "stage-two");
        var dictionary = ObjectDictionary.Read(file.Reader);
        using var atoms = dictionary.ToTensor();
        var net =
            new StageTwoLocalizationNet(new StageOneLocalizationNet(config.Model, dictionary.Clusters), atoms, config.StageTwo.CosineObjectMaps);
        net.load(file.Reader);
        return (net, dictionary);
    }
}
