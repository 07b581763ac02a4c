using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Csol.Learning.Detection;

/// <summary>CenterNet's loss: a penalty-reduced focal loss on the centre heatmap plus L1 on size and offset at the
/// centre cells.</summary>
public static class CenterNetLoss
{
    private const double Alpha = 2, Beta = 4;

    /// <summary>Σ over cells of (1−p)^α·log p at centres and (1−y)^β·p^α·log(1−p) elsewhere, negated and divided by the
    /// number of centres (at least 1). p is clamped to [1e-4, 1−1e-4] as in CenterNet.</summary>
    public static Tensor Focal(Tensor logits, Tensor target)
    {
        using var scope = NewDisposeScope();
        var p = functional.sigmoid(logits).clamp(1e-4, 1 - 1e-4);
        var centre = target.eq(1).to_type(p.dtype);
        var positive = (1 - p).pow(Alpha) * p.log() * centre;
        var negative = (1 - target).pow(Beta) * p.pow(Alpha) * (1 - p).log() * (1 - centre);
        var count = centre.sum().clamp_min(1);
        return (-(positive.sum() + negative.sum()) / count).MoveToOuterDisposeScope();
    }

    /// <summary>Mean absolute error over the centre cells' two channels (mask (B,1,G,G)); 0 when there is no centre.</summary>
    public static Tensor MaskedL1(Tensor prediction, Tensor target, Tensor mask)
    {
        using var scope = NewDisposeScope();
        var error = ((prediction - target).abs() * mask).sum();
        return (error / (2 * mask.sum()).clamp_min(1)).MoveToOuterDisposeScope();
    }

    public static (Tensor Total, double Heatmap, double Size, double Offset) Compute(DetectorOutput output, Tensor heatmap, Tensor size,
        Tensor offset, Tensor mask, double sizeWeight, double offsetWeight)
    {
        using var scope = NewDisposeScope();
        var focal = Focal(output.HeatmapLogits, heatmap);
        var sizeLoss = MaskedL1(output.Size, size, mask);
        var total = focal + sizeWeight * sizeLoss;
        var offsetValue = 0.0;
        if (output.Offset is { } predicted)
        {
            var offsetLoss = MaskedL1(predicted, offset, mask);
            total = total + offsetWeight * offsetLoss;
            offsetValue = offsetLoss.item<float>();
        }
        return (total.MoveToOuterDisposeScope(), focal.item<float>(), sizeLoss.item<float>(), offsetValue);
    }
}
