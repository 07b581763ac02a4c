using Csol.Learning.Checkpoints;
using Csol.Learning.Experiments;
using Csol.Learning.Training;
using Csol.Tests.Support;
using TorchSharp;
using Xunit;

namespace Csol.Tests.Learning.StageTwo;

/// <summary><c>stageTwo.objectMapInit</c>: the class maps' affine <c>α·M + β</c> starts as PyTorch draws it, or at
/// α = 1, β = 0 (the default), and a value that is neither is refused naming the field.</summary>
[Trait("Category", "unit")]
public sealed class ObjectMapInitTests
{
    [Fact]
    public void Identity_init_starts_stage_two_at_alpha_one_beta_zero_where_the_reference_init_draws_them()
    {
        using var temp = TestPaths.NewTempDirectory("csol-object-map-init");
        var identity = StageTwoTinyConfigs.Pipeline();
        var config = identity with { StageTwo = identity.StageTwo with { ObjectMapInit = StageTwoConfig.ReferenceObjectMapInit } };
        new StageOneTrainer(config, new StageOneTrainerOptions { CheckpointDirectory = temp.Path }).Run(_ => { }, CancellationToken.None);
        var stageOne = Path.Combine(temp.Path, StageOneCheckpoint.FileName(config.Training.Epochs - 1));

        torch.manual_seed(3);
        var (drawn, _) = StageTwoTrainer.LoadStageOne(stageOne, config, torch.CPU);
        var (set, _) = StageTwoTrainer.LoadStageOne(stageOne, identity, torch.CPU);
        using (drawn)
        using (set)
        {
            Assert.Equal((1.0, 0.0), set.ObjectMaps.Affine);
            Assert.NotEqual(1.0, drawn.ObjectMaps.Affine.Alpha);
            Assert.InRange(drawn.ObjectMaps.Affine.Alpha, -1, 1);
        }
    }

    [Fact]
    public void An_unknown_init_is_refused_naming_the_field_and_the_choices()
    {
        var config = StageTwoTinyConfigs.Pipeline() with { StageTwo = new StageTwoConfig { ObjectMapInit = "ones" } };

        var errors = ExperimentConfigLoader.Validate(config, "p.json");

        var error = Assert.Single(errors, e => e.Field == "stageTwo.objectMapInit");
        Assert.Contains("\"identity\" or \"reference\", got \"ones\"", error.Message);
    }
}
