using Csol.Learning.Experiments;
using Csol.Learning.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Csol.Learning.Detection;

/// <summary>What <see cref="CenterNetDetector"/> predicts on its output grid (stride 16 / 2^upsampleLayers).</summary>
/// <param name="HeatmapLogits">(B,C,G,G): centre-heatmap logits, one channel per class.</param>
/// <param name="Size">(B,2,G,G): box width and height in grid cells at each centre.</param>
/// <param name="Offset">(B,2,G,G): sub-cell centre offset in [0,1), or null when the offset head is off.</param>
public sealed record DetectorOutput(Tensor HeatmapLogits, Tensor Size, Tensor? Offset) : IDisposable
{
    public void Dispose()
    {
        HeatmapLogits.Dispose();
        Size.Dispose();
        Offset?.Dispose();
    }
}

/// <summary>A single-stage, anchor-free, CenterNet-like detector ("Objects as Points"): the ResNet-18 trunk (the same
/// <see cref="ResNet18Backbone"/> stage one uses, output stride 16), an upsampling neck, and three heads.</summary>
/// <remarks>The neck upsamples ×2 (nearest) then applies 3×3 conv + BN + ReLU, <c>upsampleLayers</c> times, standing in
/// for CenterNet's deconvolutions (nearest + conv avoids their checkerboard artefacts and is simpler to initialise).
/// The heatmap head's last bias starts at −log((1−π)/π) with π = 0.1, CenterNet's prior, so the focal loss does not
/// start with every cell confidently wrong.</remarks>
public sealed class CenterNetDetector : Module<Tensor, DetectorOutput>
{
    private const double PriorProbability = 0.1;
    private readonly ResNet18Backbone trunk;
    private readonly ModuleList<Module<Tensor, Tensor>> neck = new();
    private readonly Sequential heatmap, size;
    private readonly Sequential? offset;

    /// <param name="layout">The trunk's layout: the CNTK ImageNet export's for ImageNet weights, torchvision's otherwise.</param>
    public CenterNetDetector(int classes, int baseWidth, DetectorConfig config, ResNet18Layout? layout = null) : base(nameof(CenterNetDetector))
    {
        Classes = classes;
        trunk = new ResNet18Backbone("trunk", 3, baseWidth, layout);
        var channels = trunk.OutChannels;
        for (var i = 0; i < config.UpsampleLayers; i++)
        {
            neck.Add(Sequential(Conv2d(channels, config.HeadChannels, 3, padding: 1, bias: false),
                new BatchNorm2dWithoutCounter(config.HeadChannels), ReLU()));
            channels = config.HeadChannels;
        }
        heatmap = Head(channels, config.HeadChannels, classes);
        size = Head(channels, config.HeadChannels, 2);
        offset = config.OffsetWeight > 0 ? Head(channels, config.HeadChannels, 2) : null;
        RegisterComponents();
        Stride = 16 >> config.UpsampleLayers;
        using var noGrad = torch.no_grad();
        using var bias = (-Math.Log((1 - PriorProbability) / PriorProbability)).ToScalar();
        ((Conv2d)heatmap[2]).bias!.fill_(bias);
    }

    public int Classes { get; }

    /// <summary>Input pixels per output cell.</summary>
    public int Stride { get; }

    public ResNet18Backbone Trunk => trunk;

    public int GridSize(int imageSize) => imageSize / Stride;

    private static Sequential Head(long input, long hidden, long output)
        => Sequential(Conv2d(input, hidden, 3, padding: 1), ReLU(), Conv2d(hidden, output, 1));

    public override DetectorOutput forward(Tensor images)
    {
        using var scope = NewDisposeScope();
        var x = trunk.forward(images);
        foreach (var stage in neck)
            x = stage.forward(functional.interpolate(x, scale_factor: [2.0, 2.0], mode: InterpolationMode.Nearest));
        var heat = heatmap.forward(x);
        var wh = size.forward(x);
        var off = offset is null ? null : functional.sigmoid(offset.forward(x));
        return new DetectorOutput(heat.MoveToOuterDisposeScope(), wh.MoveToOuterDisposeScope(), off?.MoveToOuterDisposeScope());
    }
}
