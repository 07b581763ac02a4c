using Csol.Learning.Experiments;
using Xunit;

namespace Csol.Tests.Learning.Experiments;

/// <summary><c>training.cacheVisualFeatures</c> is refused, naming the field and why, unless the trunk is pretrained and
/// frozen and the data is a MUSIC-layout folder.</summary>
[Trait("Category", "unit")]
public sealed class FeatureCacheConfigTests
{
    private static ExperimentConfig Cached(string init = "imagenet", int frozen = 6, string source = ProceduralDataConfig.MusicSource)
        => new()
        {
            Name = "c",
            Data = new ProceduralDataConfig { Source = source, Root = source == ProceduralDataConfig.MusicSource ? "/nowhere" : null },
            Model = new StageOneModelConfig { BaseWidth = 64, VisualInit = init },
            Training = new TrainingConfig { Epochs = 6, FreezeVisualEpochs = frozen, CacheVisualFeatures = true },
        };

    private static IEnumerable<string> CacheErrors(ExperimentConfig config)
        => ExperimentConfigLoader.Validate(config, "c.json").Where(e => e.Field.StartsWith("training.", StringComparison.Ordinal)
            && e.Field.Contains("eature", StringComparison.Ordinal)).Select(e => $"{e.Field}: {e.Message}");

    [Fact]
    public void A_frozen_imagenet_trunk_on_music_data_is_accepted() => Assert.Empty(CacheErrors(Cached()));

    [Theory]
    [InlineData("scratch", 6, "music", "needs a pretrained visual trunk")]
    [InlineData("imagenet", 0, "music", "needs a frozen visual trunk (training.freezeVisualEpochs ≥ 1)")]
    [InlineData("scratch", 6, "procedural", "is supported for data.source \"music\" only")]
    public void Without_a_frozen_pretrained_trunk_on_music_data_it_is_refused(string init, int frozen, string source, string expected)
    {
        var errors = CacheErrors(Cached(init, frozen, source)).ToArray();

        Assert.Contains(errors, e => e.StartsWith("training.cacheVisualFeatures: ", StringComparison.Ordinal) && e.Contains(expected));
    }

    [Fact]
    public void A_cache_folder_without_the_cache_is_refused()
    {
        var config = Cached() with { Training = Cached().Training with { CacheVisualFeatures = false, FeatureCacheFolder = "/tmp/x" } };

        Assert.Contains("training.featureCacheFolder: is only read with training.cacheVisualFeatures true", CacheErrors(config));
    }

    [Fact]
    public void The_cache_folder_resolves_against_the_config_folders_parent()
    {
        var config = ExperimentConfigLoader.ResolvePaths(Cached() with
        {
            Training = Cached().Training with { FeatureCacheFolder = "data/feature-cache" },
        }, "/repo");

        Assert.Equal("/repo/data/feature-cache", config.Training.FeatureCacheFolder);
    }
}
