using Csol.Learning.Experiments;

namespace Csol.Learning.Models;

/// <summary>How the visual ResNet-18 starts (<c>model.visualInit</c>): <c>imagenet</c> (the CNTK ImageNet weights from
/// NuGet), <c>scratch</c> (torchvision's random initialisation), or a weights file (<c>.pth</c>, or TorchSharp's format).</summary>
/// <remarks>The older <c>model.imagenetWeights</c> (a file) still works and means the same as <c>visualInit</c> = that
/// file. Left out, the loader picks <c>imagenet</c> for music data at baseWidth 64 and <c>scratch</c> otherwise
/// (<see cref="Default"/>).</remarks>
public static class VisualInitialisation
{
    public const string ImageNet = "imagenet";
    public const string Scratch = "scratch";

    /// <summary>The effective choice: <c>imagenet</c>, <c>scratch</c> or a file path.</summary>
    public static string Of(StageOneModelConfig model)
        => model.VisualInit is { Length: > 0 } init ? init : model.ImagenetWeights is { Length: > 0 } file ? file : Scratch;

    public static bool IsImageNet(StageOneModelConfig model) => Of(model) == ImageNet;

    public static bool IsFile(string init) => init is not (ImageNet or Scratch);

    /// <summary>What the loader fills in when the config names no initialisation.</summary>
    public static string Default(ExperimentConfig config)
        => config.Data.Source == ProceduralDataConfig.MusicSource && config.Model.BaseWidth == 64 ? ImageNet : Scratch;

    /// <summary>The backbone shape the weights need: the CNTK export's for <c>imagenet</c>, torchvision's otherwise.</summary>
    public static ResNet18Layout Layout(StageOneModelConfig model)
        => IsImageNet(model) ? ResNet18Layout.CntkImageNet : ResNet18Layout.Torchvision;

    /// <summary>Loads the configured weights into a freshly built visual backbone (nothing for <c>scratch</c>).</summary>
    public static void Apply(ResNet18Backbone visual, StageOneModelConfig model)
    {
        var init = Of(model);
        if (init == ImageNet)
            ImageNetWeights.LoadImageNet(visual);
        else if (init != Scratch)
            ImageNetWeights.LoadInto(visual, init);
    }
}
