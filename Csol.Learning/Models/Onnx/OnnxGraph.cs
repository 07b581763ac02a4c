namespace Csol.Learning.Models.Onnx;

/// <summary>The parts of an ONNX <c>GraphProto</c> that weight mapping needs: nodes in graph order and the float
/// initializers by name.</summary>
public sealed record OnnxGraph(string Path, IReadOnlyList<OnnxNode> Nodes, IReadOnlyDictionary<string, OnnxTensor> Initializers)
{
    /// <summary>The initializer <paramref name="name"/>, or an error naming the file and the tensor.</summary>
    public OnnxTensor Initializer(string name)
        => Initializers.TryGetValue(name, out var tensor)
            ? tensor
            : throw new InvalidDataException($"{Path}: the graph has no initializer \"{name}\" (a node refers to it).");
}

/// <summary>One <c>NodeProto</c>: operator, inputs, outputs and its integer-list attributes (pads, strides, …).</summary>
public sealed record OnnxNode(string Name, string OpType, IReadOnlyList<string> Inputs, IReadOnlyList<string> Outputs,
    IReadOnlyDictionary<string, long[]> IntAttributes, IReadOnlyDictionary<string, float> FloatAttributes)
{
    public long[] Ints(string name) => IntAttributes.TryGetValue(name, out var values) ? values : [];
}

/// <summary>A float32 <c>TensorProto</c>.</summary>
public sealed record OnnxTensor(string Name, long[] Dims, float[] Values)
{
    public string Shape => $"({string.Join(", ", Dims)})";
}
