using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Csol.Learning.Models;

/// <summary>What <see cref="StageTwoLocalizationNet"/> computes for a batch.</summary>
/// <param name="Logits">z = w·cos(v, a), (B,1,h,w); <c>l = sigmoid(z)</c> is the class-agnostic sounding map.</param>
/// <param name="Suppressed">S = M ⊙ l, (B,K,h,w).</param>
public sealed record StageTwoOutput(Tensor Logits, Tensor Suppressed)
{
    public Tensor SoundingMap => StageOneLocalizationNet.LocalizationMap(Logits);
}

/// <summary><c>Location_Net_stage_two</c> (spec §2.4): the stage-one network (backbones, projections, <c>conv_av</c>,
/// initialised from a stage-one checkpoint) plus the class-aware object maps over the fixed dictionary D.</summary>
/// <remarks>The stage-one heads stay inside (so the stage-one state dict loads unchanged) but get no gradient: stage
/// two's p_a comes from a separate frozen copy.</remarks>
public sealed class StageTwoLocalizationNet : Module<Tensor, Tensor, StageTwoOutput>
{
    private readonly StageOneLocalizationNet stageOne;
    private readonly ClassAwareObjectMaps objectMaps;

    public StageTwoLocalizationNet(StageOneLocalizationNet stageOne, Tensor dictionary, bool cosineObjectMaps = false)
        : base(nameof(StageTwoLocalizationNet))
    {
        this.stageOne = stageOne;
        objectMaps = new ClassAwareObjectMaps(dictionary, cosineObjectMaps);
        RegisterComponents();
    }

    public StageOneLocalizationNet StageOne => stageOne;
    public ClassAwareObjectMaps ObjectMaps => objectMaps;
    public long Clusters => objectMaps.Clusters;

    /// <summary>Parameters stage two trains: all but the (unused) classification heads.</summary>
    public IEnumerable<Parameter> TrainableParameters() => stageOne.LocalizationParameters().Concat(objectMaps.parameters());

    /// <summary>Each image with its own audio clip (same B).</summary>
    public override StageTwoOutput forward(Tensor images, Tensor logMel)
    {
        using var scope = NewDisposeScope();
        var output = Forward(images, stageOne.EmbedAudio(logMel));
        return new StageTwoOutput(output.Logits.MoveToOuterDisposeScope(), output.Suppressed.MoveToOuterDisposeScope());
    }

    /// <summary>Images with already embedded audio (same B), so one clip's embedding can serve several images.</summary>
    public StageTwoOutput Forward(Tensor images, Tensor audioEmbedding)
    {
        using var scope = NewDisposeScope();
        var features = stageOne.VisualFeatures(images);
        var logits = stageOne.LocalizeFeatures(features, audioEmbedding);
        var suppressed = objectMaps.forward(features, StageOneLocalizationNet.LocalizationMap(logits));
        return new StageTwoOutput(logits.MoveToOuterDisposeScope(), suppressed.MoveToOuterDisposeScope());
    }
}
