using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Csol.Learning.Models;

/// <summary>The two classification heads of stage one (spec §2.2): <c>v_logits = Linear(8w, K)(GAP(v_fea))</c> and
/// <c>a_logits = Linear(8w, K)(a_fea)</c>, trained on k-means pseudo-labels in the classification phase.</summary>
public sealed class StageOneClassifier : Module<Tensor, Tensor, (Tensor Visual, Tensor Audio)>
{
    private const double InitStd = 0.01;

    // Registration order visual → audio, weight → bias: these are the reference's "last 4 registered parameters".
    private readonly Linear visualHead;
    private readonly Linear audioHead;

    public StageOneClassifier(long features, long classes) : base(nameof(StageOneClassifier))
    {
        visualHead = Linear(features, classes);
        audioHead = Linear(features, classes);
        RegisterComponents();
        Reset();
    }

    /// <summary>Re-creates both heads as the reference does before every classification phase: W ~ N(0, 0.01²), b = 0.
    /// Draws from torch's global generator, which the checkpoints store so a resumed run draws the same values.</summary>
    public void Reset()
    {
        using var noGrad = torch.no_grad();
        foreach (var head in new[] { visualHead, audioHead })
        {
            init.normal_(head.weight, 0, InitStd);
            init.zeros_(head.bias!);
        }
    }

    /// <param name="visualFeatures">(B, 8w, h, w) <c>v_fea</c>; global average pooled here.</param>
    /// <param name="audioFeatures">(B, 8w) max-pooled <c>a_fea</c>.</param>
    public override (Tensor Visual, Tensor Audio) forward(Tensor visualFeatures, Tensor audioFeatures)
        => (visualHead.forward(visualFeatures.mean([2, 3])), audioHead.forward(audioFeatures));

    /// <summary>Only <c>a_logits = h_a(a_fea)</c>: stage two's frozen audio classifier (spec §2.4) needs no frame.</summary>
    public Tensor AudioLogits(Tensor audioFeatures) => audioHead.forward(audioFeatures);
}
