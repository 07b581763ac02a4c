using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Csol.Learning.Models;

/// <summary>ResNet's two-convolution residual block (He et al. 2016), as in torchvision's ResNet-18.</summary>
public sealed class BasicBlock : Module<Tensor, Tensor>
{
    private readonly Conv2d conv1;
    private readonly BatchNorm2dWithoutCounter bn1;
    private readonly Conv2d conv2;
    private readonly BatchNorm2dWithoutCounter bn2;
    private readonly Sequential? downsample;

    public BasicBlock(string name, long inChannels, long outChannels, long stride) : base(name)
    {
        conv1 = Conv2d(inChannels, outChannels, 3, stride: stride, padding: 1, bias: false);
        bn1 = new BatchNorm2dWithoutCounter(outChannels);
        conv2 = Conv2d(outChannels, outChannels, 3, stride: 1, padding: 1, bias: false);
        bn2 = new BatchNorm2dWithoutCounter(outChannels);
        if (stride != 1 || inChannels != outChannels)
            downsample = Sequential(Conv2d(inChannels, outChannels, 1, stride: stride, bias: false), new BatchNorm2dWithoutCounter(outChannels));
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var residual = downsample is null ? input : downsample.forward(input);
        var x = functional.relu(bn1.forward(conv1.forward(input)));
        x = bn2.forward(conv2.forward(x));
        // Not `x + residual`: that passes an implicit Scalar alpha (1) which the finalizer may free while libtorch
        // still reads it (crashed a run, "toFloat ... Expected false to be true"); an explicit one stays alive.
        using var one = 1.ToScalar();
        return functional.relu(x.add_(residual, one)).MoveToOuterDisposeScope();
    }
}
