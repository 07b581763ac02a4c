using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Csol.Learning.Models;

/// <summary>ResNet-18 trunk without avgpool/fc and with layer4 at stride 1, so the output stride is 16 (spec §2.1).</summary>
/// <remarks>One backbone per modality with only the conv1 it uses: the reference builds both conv1 variants into each
/// backbone and leaves one without gradient, which changes nothing but the parameter count. Initialisation follows
/// torchvision (Kaiming-normal fan-out convolutions, BN γ=1 β=0); no ImageNet weights are loaded yet (deviation from
/// §3 for the visual stream: the procedural frames are far from ImageNet, and weight conversion comes later).</remarks>
public sealed class ResNet18Backbone : Module<Tensor, Tensor>
{
    private readonly Conv2d conv1;
    private readonly BatchNorm2dWithoutCounter bn1;
    private readonly MaxPool2d maxpool;
    private readonly Sequential layer1, layer2, layer3, layer4;

    /// <param name="inChannels">3 for frames, 1 for log-mel audio (the reference's <c>conv1_a</c>).</param>
    /// <param name="baseWidth">Channels of layer1 (64 in ResNet-18); layer4 has 8× as many.</param>
    public ResNet18Backbone(string name, long inChannels, long baseWidth) : base(name)
    {
        conv1 = Conv2d(inChannels, baseWidth, 7, stride: 2, padding: 3, bias: false);
        bn1 = new BatchNorm2dWithoutCounter(baseWidth);
        maxpool = MaxPool2d(3, stride: 2, padding: 1);
        layer1 = Stage("layer1", baseWidth, baseWidth, stride: 1);
        layer2 = Stage("layer2", baseWidth, 2 * baseWidth, stride: 2);
        layer3 = Stage("layer3", 2 * baseWidth, 4 * baseWidth, stride: 2);
        layer4 = Stage("layer4", 4 * baseWidth, 8 * baseWidth, stride: 1);
        OutChannels = 8 * baseWidth;
        RegisterComponents();
        InitialiseLikeTorchvision();
    }

    /// <summary>Channels of the feature map (<c>v_fea</c> / pre-pool <c>a_fea</c>): 512 for the paper's width.</summary>
    public long OutChannels { get; }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = maxpool.forward(functional.relu(bn1.forward(conv1.forward(input))));
        x = layer4.forward(layer3.forward(layer2.forward(layer1.forward(x))));
        return x.MoveToOuterDisposeScope();
    }

    private static Sequential Stage(string name, long inChannels, long outChannels, long stride)
        => Sequential(
            ("0", new BasicBlock($"{name}.0", inChannels, outChannels, stride)),
            ("1", new BasicBlock($"{name}.1", outChannels, outChannels, 1)));

    private void InitialiseLikeTorchvision()
    {
        using var noGrad = torch.no_grad();
        // BatchNorm already starts at γ=1, β=0.
        foreach (var conv in modules().OfType<Conv2d>())
            init.kaiming_normal_(conv.weight, mode: init.FanInOut.FanOut, nonlinearity: init.NonlinearityType.ReLU);
    }
}
