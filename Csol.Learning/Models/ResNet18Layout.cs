namespace Csol.Learning.Models;

/// <summary>The shape choices of a <see cref="ResNet18Backbone"/> that differ between weight sources.</summary>
/// <param name="Layer4Blocks">BasicBlocks in layer4: 2 in torchvision's ResNet-18, 3 in the CNTK ImageNet export.</param>
/// <param name="Layer4Stride">1 for the paper's 14×14 maps (spec §2.1); 2 reproduces an ImageNet classifier's trunk.</param>
/// <param name="CntkInput">Prepend <see cref="CntkInputAdaptor"/>: our normalised RGB frames become the CNTK model's BGR
/// 0–255 minus its mean image.</param>
public sealed record ResNet18Layout(int Layer4Blocks, long Layer4Stride, bool CntkInput)
{
    /// <summary>torchvision's ResNet-18 with layer4 at stride 1: from scratch, torchvision <c>.pth</c>, TorchSharp files.</summary>
    public static ResNet18Layout Torchvision { get; } = new(2, 1, false);

    /// <summary>The CNTK ImageNet ResNet-18 from NuGet (docs/imagenet-weights.md), layer4 at stride 1.</summary>
    public static ResNet18Layout CntkImageNet { get; } = new(3, 1, true);
}
