namespace Csol.Tests.Learning.Models;

/// <summary>Exposes an inner tensor of an ONNX model as an extra graph output, so ONNX Runtime returns it too.</summary>
/// <remarks>Protobuf merges a repeated embedded message field: a second <c>ModelProto.graph</c> (field 7) holding only
/// a <c>GraphProto.output</c> (field 12) entry appends that output to the graph. The entry is a ValueInfoProto with
/// the name and a float tensor type (TypeProto.tensor_type 1 → elem_type 1 = FLOAT).</remarks>
internal static class OnnxGraphEditing
{
    public static byte[] WithExtraOutput(byte[] model, string valueName)
    {
        var name = System.Text.Encoding.UTF8.GetBytes(valueName);
        byte[] tensorType = [0x08, 0x01];                               // elem_type = 1
        var type = Field(1, tensorType);                                // TypeProto.tensor_type
        var valueInfo = Field(1, name).Concat(Field(2, type)).ToArray(); // name, type
        var graph = Field(12, valueInfo);                                // GraphProto.output
        return [.. model, .. Field(7, graph)];                           // ModelProto.graph (merged)
    }

    private static byte[] Field(int number, byte[] payload) => [.. Varint((ulong)(number << 3 | 2)), .. Varint((ulong)payload.Length), .. payload];

    private static byte[] Varint(ulong value)
    {
        var bytes = new List<byte>();
        do
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            bytes.Add(value == 0 ? b : (byte)(b | 0x80));
        } while (value != 0);
        return [.. bytes];
    }
}
