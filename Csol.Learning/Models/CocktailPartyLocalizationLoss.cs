using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Csol.Learning.Models;

/// <summary>Stage two's localization loss on cocktail-party composites (spec §2.4):
/// <c>L_loc = 0.5·(BCE(GMP(l_pos), 1) + BCE(AdaptiveMaxPool2d(2×2)(l_neg), 0))</c>.</summary>
/// <remarks>A positive composite must sound somewhere; a mismatched one must be silent in every one of its four
/// quadrants, so each quadrant's maximum is pushed to 0 separately (one loud quadrant is not averaged away by three
/// quiet ones). As in <see cref="AudioVisualCorrespondenceLoss"/>, it works on the logit map <c>z</c>: max pooling
/// commutes with the monotone sigmoid, so BCE-with-logits on pooled <c>z</c> is the reference's loss without a clamp.</remarks>
public static class CocktailPartyLocalizationLoss
{
    /// <param name="positiveLogits">(B,1,h,w) logit maps of matched composites.</param>
    /// <param name="negativeLogits">(B',1,h,w) logit maps of mismatched composites.</param>
    public static Tensor Compute(Tensor positiveLogits, Tensor negativeLogits)
    {
        using var scope = NewDisposeScope();
        var positive = AudioVisualCorrespondenceLoss.GlobalMaxPool(positiveLogits);
        var negative = QuadrantMaxPool(negativeLogits);
        var positiveLoss = functional.binary_cross_entropy_with_logits(positive, ones_like(positive));
        var negativeLoss = functional.binary_cross_entropy_with_logits(negative, zeros_like(negative)); // mean over B'·4
        return (0.5 * (positiveLoss + negativeLoss)).MoveToOuterDisposeScope();
    }

    /// <summary>One maximum per quadrant of the 2×2 grid: (B,1,h,w) → (B,4), order TL, TR, BL, BR.</summary>
    public static Tensor QuadrantMaxPool(Tensor map) => functional.adaptive_max_pool2d(map, [2, 2]).flatten(1);
}
