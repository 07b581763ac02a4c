using Csol.Learning.Experiments;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Csol.Learning.Models;

/// <summary>The stage-one network (<c>Location_Net_stage_one</c>, spec §2.2): backbones, projections, <c>conv_av</c> and
/// the classification heads (<see cref="StageOneClassifier"/>).</summary>
/// <remarks><see cref="forward"/> returns the logit map <c>z = w·s</c> (B,1,h,w), not <c>l = sigmoid(z)</c>: the loss needs
/// logits to be numerically safe (spec §3 note) and <see cref="LocalizationMap"/> / <see cref="MatchProbability"/> give
/// the paper's <c>l</c> and <c>p</c> from it.</remarks>
public sealed class StageOneLocalizationNet : Module<Tensor, Tensor, Tensor>
{
    private readonly ResNet18Backbone visual;
    private readonly ResNet18Backbone audio;
    private readonly Sequential visualProjection;
    private readonly Sequential audioProjection;
    private readonly Conv2d conv_av;
    // Registered last, so its 4 parameters are the reference's "last 4" that the location optimizer leaves out.
    private readonly StageOneClassifier classifier;

    /// <param name="classes">K, the number of clusters the heads classify into (the config's training.clusters).</param>
    public StageOneLocalizationNet(StageOneModelConfig config, long classes = 11) : base(nameof(StageOneLocalizationNet))
    {
        visual = new ResNet18Backbone("visual", 3, config.BaseWidth, VisualInitialisation.Layout(config));
        audio = new ResNet18Backbone("audio", 1, config.BaseWidth);
        var features = visual.OutChannels;
        var projection = config.ProjectionDim;
        visualProjection = Sequential(Conv2d(features, projection, 1), ReLU(), Conv2d(projection, projection, 1));
        audioProjection = Sequential(Linear(features, projection), ReLU(), Linear(projection, projection));
        // One scalar w acting as an inverse temperature on the cosine map (spec §2.2), initialised to 5.
        conv_av = Conv2d(1, 1, 1, bias: false);
        classifier = new StageOneClassifier(features, classes);
        RegisterComponents();
        using (torch.no_grad())
        using (var initial = config.ConvAvInit.ToScalar())
            conv_av.weight.fill_(initial);
    }

    /// <summary>Current value of the learnable inverse temperature <c>w</c>.</summary>
    public double ConvAvWeight => conv_av.weight.item<float>();

    /// <summary>The visual ResNet-18, e.g. to load ImageNet weights into (<see cref="ImageNetWeights"/>).</summary>
    public ResNet18Backbone Visual => visual;

    /// <summary>The classification heads.</summary>
    public StageOneClassifier Classifier => classifier;

    /// <summary>Everything but the classification heads: what the localization phase's optimizer updates.</summary>
    /// <remarks>The reference takes "all but the last 4 registered parameters"; we exclude the heads' parameters by
    /// identity, which is the same set without depending on registration order.</remarks>
    public IEnumerable<Parameter> LocalizationParameters()
    {
        var heads = classifier.parameters().ToHashSet(ReferenceEqualityComparer.Instance);
        return parameters().Where(p => !heads.Contains(p));
    }

    /// <summary><c>a_fea</c>: audio ResNet-18 → AdaptiveMaxPool2d(1), (B, 8w).</summary>
    public Tensor AudioFeatures(Tensor logMel)
    {
        using var scope = NewDisposeScope();
        return functional.adaptive_max_pool2d(audio.forward(logMel), [1, 1]).flatten(1).MoveToOuterDisposeScope();
    }

    /// <summary>While true the visual ResNet-18 runs in eval mode without gradient, so it neither learns nor updates
    /// its BatchNorm statistics (<c>training.freezeVisualEpochs</c>); Adam skips parameters without a gradient.</summary>
    public bool VisualFrozen { get; set; }

    /// <summary><c>v_fea</c>: the visual ResNet-18's map, (B, 8w, h, w).</summary>
    public Tensor VisualFeatures(Tensor images)
    {
        if (!VisualFrozen)
            return visual.forward(images);
        var wasTraining = visual.training;
        if (wasTraining)
            visual.eval();
        try
        {
            using var noGrad = torch.no_grad();
            return visual.forward(images);
        }
        finally
        {
            if (wasTraining)
                visual.train();
        }
    }

    /// <summary>Audio embedding <c>a</c>: projection of <c>a_fea</c>, L2-normalised (B, P).</summary>
    public Tensor EmbedAudio(Tensor logMel)
    {
        using var scope = NewDisposeScope();
        return ProjectAudio(AudioFeatures(logMel)).MoveToOuterDisposeScope();
    }

    /// <summary>Projection of <c>a_fea</c>, L2-normalised (B, P).</summary>
    public Tensor ProjectAudio(Tensor audioFeatures)
        => functional.normalize(audioProjection.forward(audioFeatures), p: 2, dim: 1);

    /// <summary>Logit map <c>z = w · cos(v_ij, a)</c> (B,1,h,w) for frames and already embedded audio (same B).</summary>
    public Tensor Localize(Tensor images, Tensor audioEmbedding)
    {
        using var scope = NewDisposeScope();
        return LocalizeFeatures(VisualFeatures(images), audioEmbedding).MoveToOuterDisposeScope();
    }

    /// <summary>Logit map of a correspondence batch's frames: from its cached <c>v_fea</c> when it carries them, else
    /// through the visual trunk.</summary>
    public Tensor Localize(Data.CorrespondenceBatch batch, Tensor audioEmbedding)
        => batch.VisualFeatures is { } features ? LocalizeFeatures(features, audioEmbedding) : Localize(batch.Images, audioEmbedding);

    /// <summary>Logit map from already computed <c>v_fea</c>, so feature extraction runs the visual backbone once.</summary>
    public Tensor LocalizeFeatures(Tensor visualFeatures, Tensor audioEmbedding)
    {
        using var scope = NewDisposeScope();
        var v = functional.normalize(visualProjection.forward(visualFeatures), p: 2, dim: 1);
        var cosine = (v * audioEmbedding[.., .., TensorIndex.None, TensorIndex.None]).sum(1, keepdim: true);
        return conv_av.forward(cosine).MoveToOuterDisposeScope();
    }

    /// <summary><c>(v_logits, a_logits)</c> for frames and their audio (spec §2.2).</summary>
    public (Tensor Visual, Tensor Audio) Classify(Tensor images, Tensor logMel)
    {
        using var scope = NewDisposeScope();
        var (v, a) = classifier.forward(VisualFeatures(images), AudioFeatures(logMel));
        return (v.MoveToOuterDisposeScope(), a.MoveToOuterDisposeScope());
    }

    /// <summary>Logit map for frames and their audio clips (same batch size).</summary>
    public override Tensor forward(Tensor images, Tensor logMel)
    {
        using var scope = NewDisposeScope();
        return Localize(images, EmbedAudio(logMel)).MoveToOuterDisposeScope();
    }

    /// <summary>The paper's localization map <c>l = sigmoid(z)</c>.</summary>
    public static Tensor LocalizationMap(Tensor logitMap) => functional.sigmoid(logitMap);

    /// <summary>The paper's match score <c>p = GMP(l)</c>, computed as <c>sigmoid(GMP(z))</c> (sigmoid is monotone).</summary>
    public static Tensor MatchProbability(Tensor logitMap) => functional.sigmoid(AudioVisualCorrespondenceLoss.GlobalMaxPool(logitMap));
}
