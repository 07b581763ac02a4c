using Csol.Learning.Data.Images;
using Csol.Learning.Models;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace Csol.Tests.Learning.Models;

[Trait("Category", "unit")]
public sealed class CntkInputAdaptorTests
{
    [Fact]
    public void Forward_TurnsNormalisedRgbIntoBgr255MinusTheMeanImage()
    {
        using var scope = NewDisposeScope();
        using var adaptor = new CntkInputAdaptor();
        var meanImage = adaptor.state_dict()["mean_image"];
        meanImage.copy_(arange(3 * 224 * 224, dtype: float32).view(1, 3, 224, 224) % 7f + 100f);
        // One pixel of pure red at 255: normalised R = (1 − 0.485)/0.229, G = −0.456/0.224, B = −0.406/0.225.
        var mean = FrameTransformOptions.ImageNetMean;
        var std = FrameTransformOptions.ImageNetStd;
        var frame = zeros(1, 3, 224, 224);
        frame[0, 0] = tensor((1 - mean[0]) / std[0]);
        frame[0, 1] = tensor(-mean[1] / std[1]);
        frame[0, 2] = tensor(-mean[2] / std[2]);

        var output = adaptor.forward(frame);

        // BGR order: B 0, G 0, R 255, each minus the mean image at that channel and pixel.
        Assert.Equal(0 - meanImage[0, 0, 5, 9].item<float>(), output[0, 0, 5, 9].item<float>(), 3);
        Assert.Equal(0 - meanImage[0, 1, 5, 9].item<float>(), output[0, 1, 5, 9].item<float>(), 3);
        Assert.Equal(255 - meanImage[0, 2, 5, 9].item<float>(), output[0, 2, 5, 9].item<float>(), 3);
    }

    [Fact]
    public void Forward_OtherFrameSize_ResizesTheMeanImage()
    {
        using var scope = NewDisposeScope();
        using var adaptor = new CntkInputAdaptor();
        adaptor.state_dict()["mean_image"].fill_(100f);

        var output = adaptor.forward(zeros(2, 3, 112, 112));

        Assert.Equal(new long[] { 2, 3, 112, 112 }, output.shape);
        // x = 0 is the ImageNet mean itself: 255·mean (BGR) − 100 everywhere.
        Assert.Equal(255 * FrameTransformOptions.ImageNetMean[2] - 100, output[1, 0, 50, 60].item<float>(), 3);
    }
}
