using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Csol.Learning.Models;

/// <summary>Stage two's class-aware object maps (spec §2.4): <c>M_k = α·&lt;v_fea, D_k&gt; + β</c> with the fixed object
/// dictionary D, then silent-area suppression <c>S_k = M_k ⊙ l</c>.</summary>
/// <remarks>The reference's <c>obj_conv</c> is a Conv3d(1,1,1): one shared learnable affine, here a 1×1 Conv2d over a
/// single channel applied to every class map (same two parameters, same default init). The reference multiplies by
/// <c>l.repeat(1, 11, 1, 1)</c>, which only works for K = 11; broadcasting l (B,1,h,w) works for any K.</remarks>
public sealed class ClassAwareObjectMaps : Module<Tensor, Tensor, Tensor>
{
    private readonly Tensor dictionary;
    private readonly Conv2d obj_conv;
    private readonly bool cosine;

    /// <param name="dictionary">D (K × C): the stage-one object dictionary, fixed (a buffer, not a parameter).</param>
    /// <param name="cosine">Deviation, off by default (<c>stageTwo.cosineObjectMaps</c>): <c>M_k = &lt;v̂, D̂_k&gt;</c> with both
    /// sides L2-normalised, so no atom wins every position by its norm or by the common component of non-negative
    /// features (on MUSIC-Clipart one cluster's raw map took most of every pixel's softmax).</param>
    public ClassAwareObjectMaps(Tensor dictionary, bool cosine = false) : base(nameof(ClassAwareObjectMaps))
    {
        this.cosine = cosine;
        if (dictionary.dim() != 2)
            throw new ArgumentException($"The object dictionary must be K × C, got shape [{string.Join(", ", dictionary.shape)}].",
                nameof(dictionary));
        this.dictionary = dictionary.detach().clone();
        obj_conv = Conv2d(1, 1, 1);
        RegisterComponents();
    }

    public long Clusters => dictionary.shape[0];

    /// <summary>Raw class maps <c>α·M + β</c> (B,K,h,w) from visual features v_fea (B,C,h,w).</summary>
    public Tensor ClassMaps(Tensor visualFeatures)
    {
        if (visualFeatures.shape[1] != dictionary.shape[1])
            throw new ArgumentException($"Visual features have {visualFeatures.shape[1]} channels but the dictionary has {dictionary.shape[1]}.",
                nameof(visualFeatures));
        using var scope = NewDisposeScope();
        var (b, h, w) = (visualFeatures.shape[0], visualFeatures.shape[2], visualFeatures.shape[3]);
        var atoms = dictionary.to(visualFeatures.device);
        var raw = cosine
            ? einsum("bchw,kc->bkhw", functional.normalize(visualFeatures, p: 2, dim: 1), functional.normalize(atoms, p: 2, dim: 1))
            : einsum("bchw,kc->bkhw", visualFeatures, atoms);
        return obj_conv.forward(raw.reshape(b * Clusters, 1, h, w)).reshape(b, Clusters, h, w).MoveToOuterDisposeScope();
    }

    /// <summary>Suppressed maps <c>S = M ⊙ l</c> (B,K,h,w), given the class-agnostic sounding map l (B,1,h,w).</summary>
    public override Tensor forward(Tensor visualFeatures, Tensor soundingMap)
    {
        using var scope = NewDisposeScope();
        return (ClassMaps(visualFeatures) * soundingMap).MoveToOuterDisposeScope();
    }

    /// <summary>Per-pixel class probabilities <c>softmax_k(3·S)</c> used at inference (spec §2.4: test scripts use ×3).</summary>
    public static Tensor PixelProbabilities(Tensor suppressedMaps, double scale = 3.0)
    {
        using var factor = scale.ToScalar();
        return functional.softmax(suppressedMaps * factor, 1);
    }

    /// <summary>The visual class logits <c>z_k = GAP(S_k)</c> (B,K) that feed <see cref="CategoryConsistencyLoss"/>.</summary>
    public static Tensor VisualLogits(Tensor suppressedMaps) => suppressedMaps.mean([2, 3]);

    /// <summary>The current α and β.</summary>
    public (double Alpha, double Beta) Affine => (obj_conv.weight.item<float>(), obj_conv.bias!.item<float>());

    /// <summary>Sets α and β (tests, and loading a checkpoint written elsewhere).</summary>
    public void SetAffine(double alpha, double beta)
    {
        using var noGrad = torch.no_grad();
        using var a = alpha.ToScalar();
        using var b = beta.ToScalar();
        obj_conv.weight.fill_(a);
        obj_conv.bias!.fill_(b);
    }
}
