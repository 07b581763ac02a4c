using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Csol.Learning.Models;

/// <summary>ResNet-18 trunk without avgpool/fc and with layer4 at stride 1, so the output stride is 16 (spec §2.1).</summary>
/// <remarks>One backbone per modality with only the conv1 it uses: the reference builds both conv1 variants into each
/// backbone and leaves one without gradient, which changes nothing but the parameter count. Initialisation follows
/// torchvision (Kaiming-normal fan-out convolutions, BN γ=1 β=0) until <see cref="ImageNetWeights"/> loads weights; the
/// <see cref="ResNet18Layout"/> says whether layer4 has torchvision's two blocks or the CNTK ImageNet export's three, and
/// whether a <see cref="CntkInputAdaptor"/> comes first. Padding is symmetric (torchvision's); the CNTK export pads
/// stride-2 layers only at the end by one less, which computes the same windows whenever each stride-2 layer's input
/// side is even (frame sides that are multiples of 16), see docs/imagenet-weights.md.</remarks>
public sealed class ResNet18Backbone : Module<Tensor, Tensor>
{
    private readonly Conv2d conv1;
    private readonly BatchNorm2dWithoutCounter bn1;
    private readonly MaxPool2d maxpool;
    private readonly Sequential layer1, layer2, layer3, layer4;
    private readonly CntkInputAdaptor? input_adaptor;

    /// <param name="inChannels">3 for frames, 1 for log-mel audio (the reference's <c>conv1_a</c>).</param>
    /// <param name="baseWidth">Channels of layer1 (64 in ResNet-18); layer4 has 8× as many.</param>
    /// <param name="layout">Torchvision's (default) or the CNTK ImageNet export's.</param>
    public ResNet18Backbone(string name, long inChannels, long baseWidth, ResNet18Layout? layout = null) : base(name)
    {
        Layout = layout ?? ResNet18Layout.Torchvision;
        if (Layout.CntkInput)
        {
            if (inChannels != 3)
                throw new ArgumentException("the CNTK input adaptor takes RGB frames (3 channels)", nameof(inChannels));
            input_adaptor = new CntkInputAdaptor();
        }
        conv1 = Conv2d(inChannels, baseWidth, 7, stride: 2, padding: 3, bias: false);
        bn1 = new BatchNorm2dWithoutCounter(baseWidth);
        maxpool = MaxPool2d(3, stride: 2, padding: 1);
        layer1 = Stage("layer1", baseWidth, baseWidth, stride: 1, blocks: 2);
        layer2 = Stage("layer2", baseWidth, 2 * baseWidth, stride: 2, blocks: 2);
        layer3 = Stage("layer3", 2 * baseWidth, 4 * baseWidth, stride: 2, blocks: 2);
        layer4 = Stage("layer4", 4 * baseWidth, 8 * baseWidth, stride: Layout.Layer4Stride, blocks: Layout.Layer4Blocks);
        OutChannels = 8 * baseWidth;
        RegisterComponents();
        InitialiseLikeTorchvision();
    }

    /// <summary>Channels of the feature map (<c>v_fea</c> / pre-pool <c>a_fea</c>): 512 for the paper's width.</summary>
    public long OutChannels { get; }

    public ResNet18Layout Layout { get; }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = layer3.forward(Layer2(input));
        return layer4.forward(x).MoveToOuterDisposeScope();
    }

    /// <summary>The layer2 output (stride 8), e.g. to compare an intermediate layer with another implementation.</summary>
    public Tensor Layer2(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = input_adaptor is null ? input : input_adaptor.forward(input);
        x = maxpool.forward(functional.relu(bn1.forward(conv1.forward(x))));
        return layer2.forward(layer1.forward(x)).MoveToOuterDisposeScope();
    }

    private static Sequential Stage(string name, long inChannels, long outChannels, long stride, int blocks)
        => Sequential(Enumerable.Range(0, blocks).Select(b => (b.ToString(System.Globalization.CultureInfo.InvariantCulture),
            (Module<Tensor, Tensor>)(b == 0
                ? new BasicBlock($"{name}.0", inChannels, outChannels, stride)
                : new BasicBlock($"{name}.{b}", outChannels, outChannels, 1)))).ToArray());

    private void InitialiseLikeTorchvision()
    {
        using var noGrad = torch.no_grad();
        // BatchNorm already starts at γ=1, β=0.
        foreach (var conv in modules().OfType<Conv2d>())
            init.kaiming_normal_(conv.weight, mode: init.FanInOut.FanOut, nonlinearity: init.NonlinearityType.ReLU);
    }
}
