using Csol.Learning.Data.Images;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Csol.Learning.Models;

/// <summary>Turns our frames (RGB, <c>(x/255 − mean)/std</c> with ImageNet's statistics, spec §1.1) into what the CNTK
/// ResNet-18 was trained on: BGR in 0–255 minus its 224×224 mean image (<c>ResNetPreprocess.onnx</c>).</summary>
/// <remarks>Exact, unlike folding per-channel means into conv1/bn1: the mean image is not constant (95–130 across
/// pixels) and the convolutions zero-pad the mean-subtracted input, which a fold cannot reproduce at the borders
/// (docs/imagenet-weights.md has the measured difference). Frames of another size get the mean image resized
/// bilinearly. <c>mean_image</c> is a buffer, so checkpoints carry it and need no package to reload.</remarks>
public sealed class CntkInputAdaptor : Module<Tensor, Tensor>
{
    public const int MeanImageSide = 224;

    private Tensor mean_image;

    public CntkInputAdaptor() : base(nameof(CntkInputAdaptor))
    {
        mean_image = zeros(1, 3, MeanImageSide, MeanImageSide);
        register_buffer(nameof(mean_image), mean_image);
    }

    public override Tensor forward(Tensor frames)
    {
        using var scope = NewDisposeScope();
        // Channel k of the output is BGR channel k, i.e. RGB channel 2 − k.
        var mean = FrameTransformOptions.ImageNetMean;
        var std = FrameTransformOptions.ImageNetStd;
        var scale = tensor(new[] { 255f * std[2], 255f * std[1], 255f * std[0] }, device: frames.device).view(1, 3, 1, 1);
        var offset = tensor(new[] { 255f * mean[2], 255f * mean[1], 255f * mean[0] }, device: frames.device).view(1, 3, 1, 1);
        var meanImage = MeanImageFor(frames.shape[2], frames.shape[3]);
        return (frames.flip(1) * scale + (offset - meanImage)).MoveToOuterDisposeScope();
    }

    private Tensor MeanImageFor(long height, long width)
        => height == MeanImageSide && width == MeanImageSide
            ? mean_image
            : functional.interpolate(mean_image, [height, width], mode: InterpolationMode.Bilinear, align_corners: false);
}
