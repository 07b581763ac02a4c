using Csol.Learning.Models.Onnx;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Csol.Learning.Models;

/// <summary>Loads ImageNet (or other pretrained) weights into the visual backbone (spec §2.1): the CNTK ImageNet
/// ResNet-18 from NuGet, a torchvision <c>.pth</c> state dict, or a TorchSharp state-dict file. docs/imagenet-weights.md.</summary>
/// <remarks>Our parameter names are torchvision's (<c>conv1.weight</c>, <c>bn1.running_mean</c>,
/// <c>layer2.0.downsample.0.weight</c>, …). Files may hold keys we lack and never use: <c>fc.*</c> (no classifier on the
/// trunk) and <c>*.num_batches_tracked</c> (see <see cref="BatchNorm2dWithoutCounter"/>). Unlike the reference's
/// non-strict load, every tensor of <em>our</em> backbone must be in the file and nothing else may be: a file that
/// silently left half the network random, or was made for another network, is refused with the names.</remarks>
public static class ImageNetWeights
{
    /// <summary>The CNTK ImageNet ResNet-18 of <see cref="ImageNetOnnxPackage"/>; the backbone must have
    /// <see cref="ResNet18Layout.CntkImageNet"/>'s blocks and input adaptor (any layer4 stride).</summary>
    public static void LoadImageNet(ResNet18Backbone backbone)
        => LoadImageNet(backbone, ImageNetOnnxPackage.ModelPath, ImageNetOnnxPackage.PreprocessPath);

    public static void LoadImageNet(ResNet18Backbone backbone, string modelPath, string preprocessPath)
    {
        var weights = CntkResNet18Weights.Read(modelPath, preprocessPath);
        using var scope = NewDisposeScope();
        var tensors = weights.ToDictionary(kv => kv.Key, kv => tensor(kv.Value.Values, kv.Value.Dims));
        var sources =
            weights.ToDictionary(kv => kv.Key,
                kv => $"{(kv.Key.StartsWith("input_adaptor", StringComparison.Ordinal) ? preprocessPath : modelPath)} (initializer {kv.Value.Name})");
        Assign(backbone, tensors, modelPath, name => sources[name]);
    }

    /// <summary>A weights file: <c>.pth</c>/<c>.pt</c> (PyTorch's <c>torch.save(state_dict)</c>, e.g. torchvision's
    /// <c>resnet18-5c106cde.pth</c>) or TorchSharp's own state-dict format (anything else).</summary>
    public static void LoadInto(ResNet18Backbone backbone, string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"visual backbone weights not found: {path}", path);
        using var scope = NewDisposeScope();
        Assign(backbone, IsPyTorchFile(path) ? ReadPyTorch(path) : ReadTorchSharp(path), path, name => $"{path} (tensor {name})");
    }

    public static bool IsPyTorchFile(string path)
        => Path.GetExtension(path).ToLowerInvariant() is ".pth" or ".pt";

    private static Dictionary<string, Tensor> ReadPyTorch(string path)
    {
        try
        {
            var table = PyTorchUnpickler.UnpickleStateDict(path);
            var state = new Dictionary<string, Tensor>();
            foreach (System.Collections.DictionaryEntry entry in table)
                if (entry.Key is string key && entry.Value is Tensor value)
                    state[key] = value;
            return state;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidDataException($"{path} is not a PyTorch state dict (torch.save(model.state_dict())) we can read: {e.Message}", e);
        }
    }

    private static Dictionary<string, Tensor> ReadTorchSharp(string path)
    {
        try
        {
            using var reader = new BinaryReader(File.OpenRead(path));
            // Read every tensor as the file has it; Assign checks names and shapes against the backbone.
            var state = new Dictionary<string, Tensor>();
            var count = checked((int)Decode(reader));
            for (var i = 0; i < count; i++)
            {
                var name = reader.ReadString();
                state[name] = ReadTorchSharpTensor(reader);
            }
            return state;
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or OverflowException or ArgumentException or InvalidDataException)
        {
            throw new InvalidDataException($"{path} is not a state dict in TorchSharp's format (nn.Module.save): {e.Message}", e);
        }
    }

    // TorchSharp's format (Module.save / exportsd.py): LEB128 count, then per tensor a string name, LEB128 scalar type,
    // LEB128 rank, LEB128 dims, raw little-endian bytes.
    private static Tensor ReadTorchSharpTensor(BinaryReader reader)
    {
        var type = (ScalarType)Decode(reader);
        var rank = Decode(reader);
        if (rank > 8)
            throw new InvalidDataException($"tensor of rank {rank}");
        var dims = new long[rank];
        for (var d = 0; d < rank; d++)
            dims[d] = Decode(reader);
        var result = empty(dims, type);
        result.ReadBytesFromStream(reader.BaseStream);
        return result;
    }

    private static long Decode(BinaryReader reader)
    {
        long value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = reader.ReadByte();
            value |= (long)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
                return value;
        }
        throw new InvalidDataException("malformed LEB128 integer");
    }

    /// <summary>Copies <paramref name="file"/>'s tensors into the backbone after checking that the names match exactly
    /// (ignoring <c>fc.*</c> and <c>num_batches_tracked</c>) and every shape agrees.</summary>
    private static void Assign(ResNet18Backbone backbone, IReadOnlyDictionary<string, Tensor> file, string path, Func<string, string> describe)
    {
        var ours = backbone.state_dict();
        var missing = ours.Keys.Where(k => !file.ContainsKey(k)).ToArray();
        var unexpected = file.Keys.Where(k => !ours.ContainsKey(k) && !IsIgnored(k)).ToArray();
        if (missing.Length > 0 || unexpected.Length > 0)
            throw new InvalidDataException($"{path} does not fit the visual ResNet-18 ({backbone.Layout.Layer4Blocks} blocks in layer4" +
                $"{(backbone.Layout.CntkInput ? ", CNTK input adaptor" : "")}): " +
                (missing.Length > 0 ? $"missing {missing.Length}: {string.Join(", ", missing)}" : "") +
                (missing.Length > 0 && unexpected.Length > 0 ? "; " : "") +
                (unexpected.Length > 0 ? $"unexpected {unexpected.Length}: {string.Join(", ", unexpected)}" : "") +
                ". torchvision's .pth and TorchSharp files need model.visualInit a file at model.baseWidth 64; the CNTK weights need \"imagenet\".");
        foreach (var (name, target) in ours)
        {
            var source = file[name];
            if (!source.shape.SequenceEqual(target.shape))
                throw new InvalidDataException($"{describe(name)}: shape ({string.Join(", ", source.shape)}) does not match our {name} " +
                    $"({string.Join(", ", target.shape)}); torchvision's and the CNTK ResNet-18 need model.baseWidth 64.");
        }
        using var noGrad = no_grad();
        foreach (var (name, target) in ours)
            target.copy_(file[name].to(target.dtype));
    }

    private static bool IsIgnored(string key)
        => key.StartsWith("fc.", StringComparison.Ordinal) || key.EndsWith(".num_batches_tracked", StringComparison.Ordinal)
            || key == "num_batches_tracked";
}
