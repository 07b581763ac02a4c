using System.Text;
using Csol.Learning.Data.Npy;
using Csol.Tests.Support;
using Xunit;

namespace Csol.Tests.Learning.Data.Npy;

[Trait("Category", "unit")]
[Collection(nameof(NpyFileTests))] // its own collection: runs in parallel
public sealed class NpyFileTests : IDisposable
{
    private readonly TempDirectory _dir = TestPaths.NewTempDirectory("csol-npy");

    public void Dispose() => _dir.Dispose();

    private string PathOf(string name) => Path.Combine(_dir.Path, name);

    [Fact]
    public void WriteThenRead_Float32Matrix_RoundTrips()
    {
        var values = new float[201, 64];
        for (var t = 0; t < 201; t++)
            for (var m = 0; m < 64; m++)
                values[t, m] = t * 0.5f - m;
        var path = PathOf("000.npy");

        NpyFile.Write(path, values);
        var read = NpyFile.ReadFloat32(path, NpyFile.LogMelShape);

        Assert.Equal([201, 64], read.Shape);
        Assert.Equal(values, read.To2D());
    }

    [Fact]
    public void Write_ProducesTheBytesNumpyWrites()
    {
        // np.save of np.array([1.0, 2.0], dtype='<f4'): v1.0, 118-byte dict padded so the header totals 128 bytes.
        var path = PathOf("two.npy");

        NpyFile.Write(path, new NpyArray<float>([2], [1f, 2f]));
        var bytes = File.ReadAllBytes(path);

        Assert.Equal(128 + 8, bytes.Length);
        Assert.Equal(new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0, 118, 0 }, bytes[..10]);
        var dict = Encoding.ASCII.GetString(bytes, 10, 118);
        Assert.StartsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", dict);
        Assert.EndsWith(" \n", dict);
        Assert.Equal(1f, BitConverter.ToSingle(bytes, 128));
    }

    [Fact]
    public void Read_Version2HeaderAndInt64AndFloat64_AreSupported()
    {
        var path = PathOf("v2.npy");
        var dict = "{'descr': '<i8', 'fortran_order': False, 'shape': (3,), }".PadRight(115) + "\n"; // 12 + 116 = 128, aligned as numpy pads
        var bytes = new List<byte> { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 2, 0 };
        bytes.AddRange(BitConverter.GetBytes((uint)dict.Length));
        bytes.AddRange(Encoding.ASCII.GetBytes(dict));
        foreach (var v in new long[] { 7, -1, long.MaxValue })
            bytes.AddRange(BitConverter.GetBytes(v));
        File.WriteAllBytes(path, [.. bytes]);
        NpyFile.Write(PathOf("d.npy"), new NpyArray<double>([2, 1, 1], [0.25, -3]));

        Assert.Equal([7L, -1L, long.MaxValue], NpyFile.ReadInt64(path).Data);
        Assert.Equal([2, 1, 1], NpyFile.ReadFloat64(PathOf("d.npy")).Shape);
        Assert.Equal([0.25, -3], NpyFile.ReadFloat64(PathOf("d.npy")).Data);
    }

    [Fact]
    public void Read_WrongShape_NamesFileAndBothShapes()
    {
        var path = PathOf("short.npy");
        NpyFile.Write(path, new float[200, 64]);

        var e = Assert.Throws<InvalidDataException>(() => NpyFile.ReadFloat32(path, [201, 64]));

        Assert.Equal($"{path}: expected shape (201, 64), got (200, 64)", e.Message);
    }

    [Fact]
    public void Read_TruncatedData_SaysHowManyBytesAreMissing()
    {
        var path = PathOf("cut.npy");
        NpyFile.Write(path, new float[4, 2]);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^4]);

        var e = Assert.Throws<InvalidDataException>(() => NpyFile.ReadFloat32(path));

        Assert.Equal($"{path}: shape (4, 2) needs 32 data bytes, the file has 28 (truncated)", e.Message);
    }

    [Theory]
    [InlineData("garbage", "not a .npy file")]
    [InlineData("fortran", "fortran_order is True")]
    [InlineData("dtype", "expected dtype '<f4', got '<f8'")]
    [InlineData("header", "bad header")]
    [InlineData("version", "unsupported .npy format version 9.0")]
    public void Read_CorruptFile_NamesFileAndProblem(string corruption, string expected)
    {
        var path = PathOf($"{corruption}.npy");
        NpyFile.Write(path, new float[2, 2]);
        var bytes = File.ReadAllBytes(path);
        var text = Encoding.Latin1.GetString(bytes);
        text = corruption switch
        {
            "garbage" => "PK\u0003\u0004 not numpy at all",
            "fortran" => text.Replace("False", "True "),
            "dtype" => text.Replace("<f4", "<f8"),
            "header" => text.Replace("'shape': (2, 2)", "'shape': [2, 2]"),
            _ => text,
        };
        bytes = Encoding.Latin1.GetBytes(text);
        if (corruption == "version")
            bytes[6] = 9;
        File.WriteAllBytes(path, bytes);

        var e = Assert.Throws<InvalidDataException>(() => NpyFile.ReadFloat32(path));

        Assert.StartsWith($"{path}: ", e.Message);
        Assert.Contains(expected, e.Message);
    }
}
