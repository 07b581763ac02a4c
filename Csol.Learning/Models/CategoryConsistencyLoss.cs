using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Csol.Learning.Models;

/// <summary>Which way the category-level consistency KL divergence points.</summary>
public enum ConsistencyDirection
{
    /// <summary>KL(p_a ‖ p_v): what the reference code computes (<c>KLDivLoss(log p_v, p_a)</c>); the default.</summary>
    AudioToVisual,

    /// <summary>KL(p_v ‖ p_a): the other reading of the paper, whose direction the spec marks unconfirmed.</summary>
    VisualToAudio,
}

/// <summary>Category-level audiovisual consistency (spec §2.4): the visual distribution of sounding objects
/// <c>p_v = softmax(GAP(S))</c> should agree with the audio's class distribution <c>p_a</c> from the frozen stage-one
/// audio classifier.</summary>
public static class CategoryConsistencyLoss
{
    /// <summary><c>L_c</c> with PyTorch's default <c>'mean'</c> reduction: averaged over every (sample, class) element,
    /// i.e. 1/K of the per-sample KL, exactly as the reference's <c>KLDivLoss()</c> (not <c>batchmean</c>).</summary>
    /// <param name="visualLogits">z = GAP over positions of the suppressed class maps S, (B,K); positive samples only.</param>
    /// <param name="audioLogits">The frozen stage-one audio head's logits h_a(a), (B,K).</param>
    public static Tensor Compute(Tensor visualLogits, Tensor audioLogits, ConsistencyDirection direction = ConsistencyDirection.AudioToVisual)
    {
        using var scope = NewDisposeScope();
        var logVisual = functional.log_softmax(visualLogits, 1);
        var logAudio = functional.log_softmax(audioLogits, 1);
        var (logP, logQ) = direction == ConsistencyDirection.AudioToVisual ? (logAudio, logVisual) : (logVisual, logAudio);
        return (logP.exp() * (logP - logQ)).mean().MoveToOuterDisposeScope();
    }
}
