using Csol.Learning.Data.Images;
using Csol.Learning.Models;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using TorchSharp;
using Xunit;
using Xunit.Abstractions;
using static TorchSharp.torch;
using Tensor = TorchSharp.torch.Tensor;

namespace Csol.Tests.Learning.Models;

/// <summary>Our backbone with the mapped CNTK weights against the original ONNX graphs run by ONNX Runtime (code none
/// of us wrote), on the same 224×224 frames, in the ONNX model's own configuration (layer4 stride 2, three blocks).</summary>
[Trait("Category", "unit")]
public sealed class ImageNetOnnxAgreementTests(ITestOutputHelper output)
{
    // Measured 2026-12-01: max abs error / max |ONNX| ≈ 1e-6 on both outputs (float32 summation order). 1e-4 leaves room
    // for other BLAS builds while failing any mapping error (a wrong tensor or channel order moves it to ≥ 1e-1).
    private const double RelativeTolerance = 1e-4;
    private const string Layer2Output = "ReLU315_Output_0"; // layer2.1's output, (1, 128, 28, 28)

    [Fact]
    public void MappedWeights_GiveTheOnnxModelsFeatureAndLayer2()
    {
        using var scope = NewDisposeScope();
        var frames = TestFrames();
        var (onnxFeature, onnxLayer2) = RunOnnx(frames);

        using var backbone = OnnxConfigured();
        var ours = Normalise(frames);
        using var noGrad = no_grad();
        var feature = backbone.forward(ours).mean([2, 3]).flatten();
        var layer2 = backbone.Layer2(ours).flatten();

        var featureError = RelativeMaxError(feature, onnxFeature);
        var layer2Error = RelativeMaxError(layer2, onnxLayer2);
        output.WriteLine($"512-d feature: max abs error {MaxAbs(feature, onnxFeature):E2}, relative to max |onnx| {featureError:E2}");
        output.WriteLine($"layer2 map:    max abs error {MaxAbs(layer2, onnxLayer2):E2}, relative to max |onnx| {layer2Error:E2}");
        Assert.True(featureError < RelativeTolerance, $"feature relative error {featureError}");
        Assert.True(layer2Error < RelativeTolerance, $"layer2 relative error {layer2Error}");
    }

    [Fact]
    public void FoldingTheMeanIntoConv1_AndDroppingTheThirdLayer4Block_AreMeasurablyWorseThanTheAdaptor()
    {
        using var scope = NewDisposeScope();
        var frames = TestFrames();
        var (onnxFeature, onnxLayer2) = RunOnnx(frames);
        var ours = Normalise(frames);
        using var noGrad = no_grad();

        using var exact = OnnxConfigured();
        using var folded = new ResNet18Backbone("visual", 3, 64, ResNet18Layout.CntkImageNet with { Layer4Stride = 2, CntkInput = false });
        CopyMatching(exact, folded);
        FoldPerChannelMean(exact, folded);
        using var twoBlocks = new ResNet18Backbone("visual", 3, 64, ResNet18Layout.CntkImageNet with { Layer4Stride = 2, Layer4Blocks = 2 });
        CopyMatching(exact, twoBlocks);

        var exactError = RelativeMaxError(exact.forward(ours).mean([2, 3]).flatten(), onnxFeature);
        var foldFeature = RelativeMaxError(folded.forward(ours).mean([2, 3]).flatten(), onnxFeature);
        var foldLayer2 = RelativeMaxError(folded.Layer2(ours).flatten(), onnxLayer2);
        var twoBlockFeature = RelativeMaxError(twoBlocks.forward(ours).mean([2, 3]).flatten(), onnxFeature);
        var cosine =
            nn.functional.cosine_similarity(twoBlocks.forward(ours).mean([2, 3]), exact.forward(ours).mean([2, 3]), dim: 1).min().item<float>();
        output.WriteLine($"adaptor: feature {exactError:E2}; per-channel fold: feature {foldFeature:E2}, layer2 {foldLayer2:E2}; " +
            $"two layer4 blocks: feature {twoBlockFeature:E2} (lowest cosine to three blocks {cosine:F4}) — all relative to max |onnx|");
        Assert.True(foldLayer2 > 10 * exactError);
        Assert.True(twoBlockFeature > 10 * exactError);
    }

    private static ResNet18Backbone OnnxConfigured()
    {
        var backbone = new ResNet18Backbone("visual", 3, 64, ResNet18Layout.CntkImageNet with { Layer4Stride = 2 });
        ImageNetWeights.LoadImageNet(backbone);
        backbone.eval();
        return backbone;
    }

    /// <summary>Two 224×224 RGB frames in 0–255 (whole numbers, as decoded JPEGs are): smooth colour fields with edges and
    /// noise, so every channel and the borders matter.</summary>
    private static float[] TestFrames()
    {
        var random = new Random(12);
        var values = new float[2 * 3 * 224 * 224];
        for (var n = 0; n < 2; n++)
            for (var c = 0; c < 3; c++)
            {
                double a = random.NextDouble() * 6, b = random.NextDouble() * 6, phase = random.NextDouble() * 6;
                for (var y = 0; y < 224; y++)
                    for (var x = 0; x < 224; x++)
                    {
                        var smooth = 128 + 80 * Math.Sin(a * x / 224.0 * Math.PI + phase) * Math.Cos(b * y / 224.0 * Math.PI);
                        var edge = (x + y * (n + 1)) % 97 < 40 ? 40 : -40;
                        values[((n * 3 + c) * 224 + y) * 224 + x] = (float)Math.Clamp(Math.Round(smooth + edge + random.Next(-20, 21)), 0, 255);
                    }
            }
        return values;
    }

    private static Tensor Normalise(float[] frames)
    {
        var rgb = tensor(frames, [2, 3, 224, 224]) / 255f;
        var mean = tensor(FrameTransformOptions.ImageNetMean).view(1, 3, 1, 1);
        var std = tensor(FrameTransformOptions.ImageNetStd).view(1, 3, 1, 1);
        return (rgb - mean) / std;
    }

    /// <summary>Preprocess, then the ResNet with layer2's output exposed; one frame per run (the graphs are batch 1).</summary>
    private static (Tensor Feature, Tensor Layer2) RunOnnx(float[] frames)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        using var preprocess = new InferenceSession(ImageNetOnnxPackage.PreprocessPath, options);
        using var network =
            new InferenceSession(OnnxGraphEditing.WithExtraOutput(File.ReadAllBytes(ImageNetOnnxPackage.ModelPath), Layer2Output), options);
        var features = new List<float>();
        var layer2 = new List<float>();
        const int frame = 3 * 224 * 224;
        for (var n = 0; n < frames.Length / frame; n++)
        {
            var input = new DenseTensor<float>(frames.AsMemory(n * frame, frame).ToArray(), [1, 3, 224, 224]);
            using var prepared = preprocess.Run([NamedOnnxValue.CreateFromTensor(preprocess.InputMetadata.Keys.Single(), input)]);
            var bgr = prepared.Single().AsTensor<float>().ToDenseTensor();
            using var results = network.Run([NamedOnnxValue.CreateFromTensor(network.InputMetadata.Keys.Single(), bgr)]);
            features.AddRange(results.Single(r => r.Name == "Pooling395_Output_0").AsTensor<float>().ToArray());
            layer2.AddRange(results.Single(r => r.Name == Layer2Output).AsTensor<float>().ToArray());
        }
        return (tensor(features.ToArray()), tensor(layer2.ToArray()));
    }

    private static void CopyMatching(ResNet18Backbone from, ResNet18Backbone to)
    {
        var source = from.state_dict();
        foreach (var (name, target) in to.state_dict())
            target.copy_(source[name]);
        to.eval();
    }

    /// <summary>The alternative to the adaptor: conv1 takes our normalised RGB directly (channels reordered and scaled by
    /// 255·std), and the mean subtraction becomes a per-channel constant absorbed into bn1's running mean.</summary>
    private static void FoldPerChannelMean(ResNet18Backbone exact, ResNet18Backbone folded)
    {
        var state = exact.state_dict();
        var weight = state["conv1.weight"];                       // (64, 3 BGR, 7, 7)
        var meanImage = state["input_adaptor.mean_image"];        // (1, 3 BGR, 224, 224)
        var mean = FrameTransformOptions.ImageNetMean;
        var std = FrameTransformOptions.ImageNetStd;
        var rgbWeight = weight.flip(1) * tensor(std.Select(s => 255f * s).ToArray()).view(1, 3, 1, 1);
        var constant = tensor(new[] { 255f * mean[2], 255f * mean[1], 255f * mean[0] }) - meanImage.mean([0, 2, 3]); // BGR
        var shift = (weight.sum([2, 3]) * constant.view(1, 3)).sum(1);
        var foldedState = folded.state_dict();
        foldedState["conv1.weight"].copy_(rgbWeight);
        foldedState["bn1.running_mean"].copy_(state["bn1.running_mean"] - shift);
    }

    private static double MaxAbs(Tensor ours, Tensor reference) => (ours - reference).abs().max().item<float>();

    private static double RelativeMaxError(Tensor ours, Tensor reference) => MaxAbs(ours, reference) / reference.abs().max().item<float>();
}
