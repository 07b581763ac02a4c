using Google.Protobuf;

namespace Csol.Learning.Models.Onnx;

/// <summary>Reads the graph of an ONNX file (a protobuf <c>ModelProto</c>) with only the fields ResNet weight mapping
/// needs: nodes (op type, inputs, outputs, int/float attributes) and float32 initializers.</summary>
/// <remarks>Field numbers are onnx.proto's (ModelProto.graph 7; GraphProto node 1, initializer 5; NodeProto input 1,
/// output 2, name 3, op_type 4, attribute 5; AttributeProto name 1, f 2, i 3, ints 8; TensorProto dims 1, data_type 2,
/// float_data 4, name 8, raw_data 9). Unknown fields are skipped, so a newer writer's extra fields do no harm; anything
/// malformed becomes an <see cref="InvalidDataException"/> naming the file.</remarks>
public static class OnnxReader
{
    private const int FloatType = 1;

    public static OnnxGraph Read(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"ONNX model not found: {path}", path);
        try
        {
            var graph = ReadModel(new CodedInputStream(File.ReadAllBytes(path)));
            if (graph is null || graph.Value.Nodes.Count == 0)
                throw new InvalidDataException("no graph with nodes");
            return new OnnxGraph(path, graph.Value.Nodes, graph.Value.Initializers);
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or InvalidDataException or OverflowException)
        {
            throw new InvalidDataException($"{path} is not a readable ONNX model: {e.Message}", e);
        }
    }

    private static (List<OnnxNode> Nodes, Dictionary<string, OnnxTensor> Initializers)? ReadModel(CodedInputStream input)
    {
        (List<OnnxNode>, Dictionary<string, OnnxTensor>)? graph = null;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == 7 && WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
                graph = ReadGraph(new CodedInputStream(input.ReadBytes().ToByteArray()));
            else
                input.SkipLastField();
        }
        return graph;
    }

    private static (List<OnnxNode>, Dictionary<string, OnnxTensor>) ReadGraph(CodedInputStream input)
    {
        var nodes = new List<OnnxNode>();
        var initializers = new Dictionary<string, OnnxTensor>();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1: nodes.Add(ReadNode(Sub(input))); break;
                case 5:
                    var tensor = ReadTensor(Sub(input));
                    if (tensor is not null)
                        initializers[tensor.Name] = tensor;
                    break;
                default: input.SkipLastField(); break;
            }
        }
        return (nodes, initializers);
    }

    private static OnnxNode ReadNode(CodedInputStream input)
    {
        List<string> inputs = [], outputs = [];
        string name = "", opType = "";
        var ints = new Dictionary<string, long[]>();
        var floats = new Dictionary<string, float>();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1: inputs.Add(input.ReadString()); break;
                case 2: outputs.Add(input.ReadString()); break;
                case 3: name = input.ReadString(); break;
                case 4: opType = input.ReadString(); break;
                case 5: ReadAttribute(Sub(input), ints, floats); break;
                default: input.SkipLastField(); break;
            }
        }
        return new OnnxNode(name, opType, inputs, outputs, ints, floats);
    }

    private static void ReadAttribute(CodedInputStream input, Dictionary<string, long[]> ints, Dictionary<string, float> floats)
    {
        var name = "";
        var values = new List<long>();
        float? f = null;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1: name = input.ReadString(); break;
                case 2: f = input.ReadFloat(); break;
                case 3: values.Add(input.ReadInt64()); break;
                case 8: ReadInt64s(input, tag, values); break;
                default: input.SkipLastField(); break;
            }
        }
        if (values.Count > 0)
            ints[name] = [.. values];
        if (f is { } value)
            floats[name] = value;
    }

    /// <summary>A float32 tensor, or null for other element types (the ResNet's weights are all float32).</summary>
    private static OnnxTensor? ReadTensor(CodedInputStream input)
    {
        var dims = new List<long>();
        var name = "";
        var type = 0;
        var floatData = new List<float>();
        byte[]? raw = null;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1: ReadInt64s(input, tag, dims); break;
                case 2: type = input.ReadInt32(); break;
                case 4:
                    if (WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
                    {
                        var packed = input.ReadBytes().Span;
                        for (var at = 0; at + 4 <= packed.Length; at += 4)
                            floatData.Add(BitConverter.ToSingle(packed.Slice(at, 4)));
                    }
                    else floatData.Add(input.ReadFloat());
                    break;
                case 8: name = input.ReadString(); break;
                case 9: raw = input.ReadBytes().ToByteArray(); break;
                default: input.SkipLastField(); break;
            }
        }
        if (type != FloatType)
            return null;
        var values = raw is null ? floatData.ToArray() : FromLittleEndian(raw);
        var expected = dims.Aggregate(1L, (a, b) => a * b);
        if (values.Length != expected)
            throw new InvalidDataException(
                $"tensor \"{name}\" declares shape ({string.Join(", ", dims)}) = {expected} values but holds {values.Length}");
        return new OnnxTensor(name, [.. dims], values);
    }

    private static float[] FromLittleEndian(byte[] raw)
    {
        if (raw.Length % 4 != 0)
            throw new InvalidDataException($"float32 raw_data of {raw.Length} bytes is not a multiple of 4");
        var values = new float[raw.Length / 4];
        Buffer.BlockCopy(raw, 0, values, 0, raw.Length); // ONNX raw_data is little-endian, as is every platform we run on.
        return values;
    }

    private static void ReadInt64s(CodedInputStream input, uint tag, List<long> into)
    {
        if (WireFormat.GetTagWireType(tag) != WireFormat.WireType.LengthDelimited)
        {
            into.Add(input.ReadInt64());
            return;
        }
        var packed = new CodedInputStream(input.ReadBytes().ToByteArray());
        while (!packed.IsAtEnd)
            into.Add(packed.ReadInt64());
    }

    private static CodedInputStream Sub(CodedInputStream input) => new(input.ReadBytes().ToByteArray());
}
