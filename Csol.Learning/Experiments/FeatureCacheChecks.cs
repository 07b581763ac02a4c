using Csol.Learning.Models;

namespace Csol.Learning.Experiments;

/// <summary>Checks of <c>training.cacheVisualFeatures</c>: cached features are only the features the network would compute
/// while its visual trunk is frozen and pretrained, on a MUSIC-layout folder whose frames can be keyed by path.</summary>
internal static class FeatureCacheChecks
{
    private const string Field = "training.cacheVisualFeatures";

    public static void Validate(ExperimentConfig config, Action<string, string> fail)
    {
        var training = config.Training;
        if (!training.CacheVisualFeatures)
        {
            if (!string.IsNullOrWhiteSpace(training.FeatureCacheFolder))
                fail("training.featureCacheFolder", $"is only read with {Field} true");
            return;
        }
        if (training.FreezeVisualEpochs < 1)
            fail(Field, "needs a frozen visual trunk (training.freezeVisualEpochs ≥ 1): a trained trunk changes its features every step");
        if (VisualInitialisation.Of(config.Model) == VisualInitialisation.Scratch)
            fail(Field, "needs a pretrained visual trunk (model.visualInit \"imagenet\" or a weights file), got \"scratch\"");
        if (config.Data.Source != ProceduralDataConfig.MusicSource)
            fail(Field, $"is supported for data.source \"{ProceduralDataConfig.MusicSource}\" only, got \"{config.Data.Source}\"");
        if (training.FeatureCacheFolder is { Length: > 0 } folder && File.Exists(folder))
            fail("training.featureCacheFolder", $"must be a folder, but \"{folder}\" is a file");
    }
}
