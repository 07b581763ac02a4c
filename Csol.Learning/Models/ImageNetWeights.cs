using static TorchSharp.torch.nn;

namespace Csol.Learning.Models;

/// <summary>Loads torchvision's ImageNet ResNet-18 weights, converted to TorchSharp's format, into the visual backbone
/// (spec §2.1, §8). How to convert them: <c>docs/imagenet-weights.md</c>.</summary>
/// <remarks>Our backbone's parameter names are torchvision's (<c>conv1.weight</c>, <c>bn1.running_mean</c>,
/// <c>layer2.0.downsample.0.weight</c>, …), so no name map is needed. The file may (and torchvision's does) hold keys we
/// lack: <c>fc.*</c> (no classifier on the trunk) and <c>*.num_batches_tracked</c> (see
/// <see cref="BatchNorm2dWithoutCounter"/>); they are skipped. Layer4's stride change does not alter any shape. Unlike the
/// reference's non-strict load, every key of <em>our</em> backbone must be present: a file that silently left half the
/// network random would be a worse failure than an error.</remarks>
public static class ImageNetWeights
{
    public static void LoadInto(ResNet18Backbone backbone, string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"ImageNet weights not found: {path}", path);
        var loaded = new Dictionary<string, bool>();
        try
        {
            backbone.load(path, strict: false, loadedParameters: loaded);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or EndOfStreamException)
        {
            // TorchSharp's messages name the tensor but not the file; shape mismatches mean a different base width.
            throw new InvalidDataException($"{path} is not a ResNet-18 state dict in TorchSharp's format for this backbone " +
                $"(model.baseWidth must be 64 for torchvision's weights): {e.Message}", e);
        }

        var missing = backbone.state_dict().Keys.Where(key => !loaded.GetValueOrDefault(key)).ToArray();
        if (missing.Length > 0)
            throw new InvalidDataException($"{path} lacks {missing.Length} backbone tensor(s), e.g. {string.Join(", ", missing.Take(3))}.");
    }
}
