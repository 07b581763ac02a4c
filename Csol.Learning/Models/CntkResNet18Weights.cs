using Csol.Learning.Models.Onnx;

namespace Csol.Learning.Models;

/// <summary>Maps the CNTK ImageNet ResNet-18 (<c>ResNet18.onnx</c> + <c>ResNetPreprocess.onnx</c>) onto our parameter
/// names: <c>conv1.weight</c>, <c>bn1.*</c>, <c>layer{1-4}.{b}.conv{1,2}.weight</c>, <c>….downsample.{0,1}.*</c>,
/// <c>input_adaptor.mean_image</c>.</summary>
/// <remarks>CNTK names its initializers <c>ParameterNN</c>/<c>ConstantNN</c>, so the map follows the graph instead: the
/// <c>Conv</c> nodes in graph order are conv1, then per block an optional 1×1 projection (our <c>downsample.0</c>, which
/// CNTK emits before the block's first 3×3) and two 3×3 convs; each feeds one <c>BatchNormalization</c> whose inputs are
/// scale, B, mean, var (our weight, bias, running_mean, running_var). The structure is checked as it is walked, so a
/// different network fails with the node it stopped at rather than loading weights into the wrong layers.</remarks>
public static class CntkResNet18Weights
{
    public static readonly int[] BlocksPerStage = [2, 2, 2, 3];

    /// <summary>Our name → (values, shape), read from the two ONNX files.</summary>
    public static IReadOnlyDictionary<string, OnnxTensor> Read(string modelPath, string preprocessPath)
    {
        var weights = new Dictionary<string, OnnxTensor>();
        var graph = OnnxReader.Read(modelPath);
        var convs = new Queue<OnnxNode>(graph.Nodes.Where(n => n.OpType == "Conv"));
        var batchNormByInput = graph.Nodes.Where(n => n.OpType == "BatchNormalization").ToDictionary(n => n.Inputs[0]);

        void Take(string name, int kernel)
        {
            if (!convs.TryDequeue(out var conv))
                throw new InvalidDataException($"{modelPath}: the graph ends before {name} (expected ResNet-18 with [2, 2, 2, 3] blocks).");
            var weight = graph.Initializer(conv.Inputs[1]);
            if (weight.Dims.Length != 4 || weight.Dims[2] != kernel)
                throw new InvalidDataException($"{modelPath}: Conv node {conv.Name} (weight {weight.Name} {weight.Shape}) should be " +
                    $"{name}, a {kernel}×{kernel} convolution.");
            weights[$"{name}.weight"] = weight;
            if (!batchNormByInput.TryGetValue(conv.Outputs[0], out var bn) || bn.Inputs.Count != 5)
                throw new InvalidDataException($"{modelPath}: Conv node {conv.Name} ({name}) is not followed by a BatchNormalization.");
            if (bn.FloatAttributes.TryGetValue("epsilon", out var epsilon) && Math.Abs(epsilon - 1e-5) > 1e-9)
                throw new InvalidDataException($"{modelPath}: BatchNormalization {bn.Name} has epsilon {epsilon}; our BatchNorm uses 1e-5.");
            var bnName = BatchNormName(name);
            string[] fields = ["weight", "bias", "running_mean", "running_var"];
            for (var i = 0; i < fields.Length; i++)
                weights[$"{bnName}.{fields[i]}"] = graph.Initializer(bn.Inputs[i + 1]);
        }

        Take("conv1", 7);
        for (var stage = 0; stage < BlocksPerStage.Length; stage++)
            for (var block = 0; block < BlocksPerStage[stage]; block++)
            {
                var prefix = $"layer{stage + 1}.{block}";
                if (convs.TryPeek(out var next) && graph.Initializer(next.Inputs[1]).Dims is [_, _, 1, 1])
                    Take($"{prefix}.downsample.0", 1);
                Take($"{prefix}.conv1", 3);
                Take($"{prefix}.conv2", 3);
            }
        if (convs.Count > 0)
            throw new InvalidDataException($"{modelPath}: {convs.Count} Conv node(s) after the last expected block, from {convs.Peek().Name}.");

        var preprocess = OnnxReader.Read(preprocessPath);
        var sub = preprocess.Nodes.FirstOrDefault(n => n.OpType == "Sub")
            ?? throw new InvalidDataException($"{preprocessPath}: no Sub node subtracting the mean image.");
        weights["input_adaptor.mean_image"] = preprocess.Initializer(sub.Inputs[1]);
        return weights;
    }

    // conv1 → bn1, layerN.b.convK → layerN.b.bnK, downsample.0 → downsample.1.
    private static string BatchNormName(string convName)
        => convName.EndsWith(".downsample.0", StringComparison.Ordinal)
            ? convName[..^1] + "1"
            : convName[..^"conv1".Length] + "bn" + convName[^1];
}
