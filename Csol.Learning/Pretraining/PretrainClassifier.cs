using Csol.Learning.Models;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Csol.Learning.Pretraining;

/// <summary>The stage-one visual ResNet-18 (built as <see cref="StageOneLocalizationNet"/> builds it: 3 channels, the
/// config's base width, layer4 at stride 1), global average pooling and a linear category head: ImageNet
/// pretraining's shape, on clip art.</summary>
public sealed class PretrainClassifier : Module<Tensor, Tensor>
{
    private readonly ResNet18Backbone visual;
    private readonly Linear head;

    public PretrainClassifier(long baseWidth, long classes) : base(nameof(PretrainClassifier))
    {
        visual = new ResNet18Backbone("visual", 3, baseWidth);
        head = Linear(visual.OutChannels, classes);
        RegisterComponents();
    }

    /// <summary>The trunk whose state dict is the pretraining's product.</summary>
    public ResNet18Backbone Backbone => visual;

    public override Tensor forward(Tensor images)
    {
        using var scope = NewDisposeScope();
        var pooled = functional.adaptive_avg_pool2d(visual.forward(images), [1, 1]).flatten(1);
        return head.forward(pooled).MoveToOuterDisposeScope();
    }
}
