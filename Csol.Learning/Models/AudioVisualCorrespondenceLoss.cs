using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Csol.Learning.Models;

/// <summary>Stage-one localization loss <c>L_loc = BCE(p, y)</c> with <c>p = GMP(sigmoid(z))</c> (spec §2.3).</summary>
/// <remarks>Computed as BCE-with-logits on <c>GMP(z)</c>. Since sigmoid is monotone, <c>GMP(sigmoid(z)) =
/// sigmoid(GMP(z))</c>, so this is the same loss without the clamp the reference's BCE on probabilities needs
/// when <c>w</c> grows and <c>p</c> saturates (spec §3 note).</remarks>
public static class AudioVisualCorrespondenceLoss
{
    /// <param name="logitMap">(N,1,h,w) logits <c>z</c>.</param>
    /// <param name="labels">(N) 1 for matched, 0 for mismatched pairs.</param>
    /// <returns>Mean over the N samples.</returns>
    public static Tensor Compute(Tensor logitMap, Tensor labels)
        => functional.binary_cross_entropy_with_logits(GlobalMaxPool(logitMap), labels);

    /// <summary>Maximum over all spatial positions: (N,1,h,w) → (N).</summary>
    public static Tensor GlobalMaxPool(Tensor map) => map.flatten(1).amax(1);
}
