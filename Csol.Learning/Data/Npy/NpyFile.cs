using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace Csol.Learning.Data.Npy;

/// <summary>Reads and writes NumPy <c>.npy</c> files (format versions 1.0 and 2.0; little-endian <c>&lt;f4</c>,
/// <c>&lt;f8</c>, <c>&lt;i8</c>; C order; any shape).</summary>
/// <remarks>This is our on-disk format for log-mel seconds: <c>audio_frames/&lt;video&gt;/SSS.npy</c>, float32, shape
/// (201, 64). The reference code pickles the numpy arrays (<c>SSS.pkl</c>); we write <c>.npy</c> instead because it is
/// a documented, language-neutral format that numpy reads with <c>np.load</c> and that needs no pickle interpreter
/// here. <see cref="Read{T}"/> validates everything it relies on and names the file in every error.</remarks>
public static class NpyFile
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>The shape of a log-mel second (time frames, mel bands), spec §1.1.</summary>
    public static readonly int[] LogMelShape = [201, 64];

    public static NpyArray<float> ReadFloat32(string path, int[]? expectedShape = null) => Read<float>(path, expectedShape);

    public static float[,] ReadFloat32Matrix(string path, int rows, int columns) => Read<float>(path, [rows, columns]).To2D();

    public static NpyArray<double> ReadFloat64(string path, int[]? expectedShape = null) => Read<double>(path, expectedShape);

    public static NpyArray<long> ReadInt64(string path, int[]? expectedShape = null) => Read<long>(path, expectedShape);

    public static void Write(string path, float[,] values) => Write(path, NpyArray<float>.From(values));

    /// <exception cref="InvalidDataException">The file is not a valid <c>.npy</c> of element type
    /// <typeparamref name="T"/> (and of <paramref name="expectedShape"/> when given); the message names the file.</exception>
    public static NpyArray<T> Read<T>(string path, int[]? expectedShape = null) where T : unmanaged
    {
        EnsureLittleEndianHost();
        var bytes = File.ReadAllBytes(path);
        var (header, dataOffset) = ReadHeader(path, bytes);
        var descr = DescrOf<T>();
        if (header.Descr != descr)
            throw Invalid(path, $"expected dtype '{descr}', got '{header.Descr}'");
        if (header.FortranOrder)
            throw Invalid(path, "fortran_order is True; only C-order arrays are supported");
        if (expectedShape is not null && !expectedShape.SequenceEqual(header.Shape))
            throw Invalid(path, $"expected shape {NpyHeader.FormatShape(expectedShape)}, got {NpyHeader.FormatShape(header.Shape)}");

        var expectedBytes = header.ElementCount * Marshal.SizeOf<T>();
        var actualBytes = bytes.LongLength - dataOffset;
        if (actualBytes != expectedBytes)
            throw Invalid(path, $"shape {NpyHeader.FormatShape(header.Shape)} needs {expectedBytes} data bytes, the file has {actualBytes}"
                + (actualBytes < expectedBytes ? " (truncated)" : ""));
        var data = MemoryMarshal.Cast<byte, T>(bytes.AsSpan((int)dataOffset)).ToArray();
        return new NpyArray<T>(header.Shape, data);
    }

    /// <summary>Writes <paramref name="array"/> (format 1.0 unless the header needs 2.0), replacing any existing file.</summary>
    public static void Write<T>(string path, NpyArray<T> array) where T : unmanaged
    {
        EnsureLittleEndianHost();
        var count = array.Shape.Aggregate(1L, (n, d) => n * d);
        if (count != array.Data.Length)
            throw new ArgumentException($"shape {NpyHeader.FormatShape(array.Shape)} holds {count} elements, data has {array.Data.Length}",
                nameof(array));
        var headerBytes = new NpyHeader(DescrOf<T>(), false, array.Shape).Encode(out var major);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        stream.Write(Magic);
        stream.Write([major, 0]);
        Span<byte> length = stackalloc byte[4];
        if (major == 1)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(length, (ushort)headerBytes.Length);
            stream.Write(length[..2]);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(length, (uint)headerBytes.Length);
            stream.Write(length);
        }
        stream.Write(headerBytes);
        stream.Write(MemoryMarshal.AsBytes(array.Data.AsSpan()));
    }

    private static (NpyHeader Header, long DataOffset) ReadHeader(string path, byte[] bytes)
    {
        if (bytes.Length < 10 || !bytes.AsSpan(0, 6).SequenceEqual(Magic))
            throw Invalid(path, "not a .npy file (missing \\x93NUMPY magic)");
        var major = bytes[6];
        int lengthFieldSize = major switch
        {
            1 => 2,
            2 or 3 => 4,
            _ => throw Invalid(path, $"unsupported .npy format version {major}.{bytes[7]}"),
        };
        if (bytes.Length < 8 + lengthFieldSize)
            throw Invalid(path, "truncated header");
        long headerLength = lengthFieldSize == 2
            ? BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8))
            : BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8));
        var dataOffset = 8 + lengthFieldSize + headerLength;
        if (dataOffset > bytes.Length)
            throw Invalid(path, $"truncated header (declares {headerLength} bytes, {bytes.Length - 8 - lengthFieldSize} present)");
        // Version 3.0 only differs by allowing UTF-8 in the dict; our three keys are ASCII either way.
        var text = (major == 3 ? Encoding.UTF8 : Encoding.Latin1).GetString(bytes, 8 + lengthFieldSize, (int)headerLength);
        try
        {
            return (NpyHeader.Parse(text), dataOffset);
        }
        catch (FormatException e)
        {
            throw Invalid(path, $"bad header: {e.Message}");
        }
    }

    private static string DescrOf<T>() where T : unmanaged => typeof(T) switch
    {
        var t when t == typeof(float) => "<f4",
        var t when t == typeof(double) => "<f8",
        var t when t == typeof(long) => "<i8",
        var t => throw new NotSupportedException($".npy element type {t.Name} is not supported (float, double, long are)"),
    };

    private static InvalidDataException Invalid(string path, string problem) => new($"{path}: {problem}");

    private static void EnsureLittleEndianHost()
    {
        // We reinterpret the data bytes in place; on a big-endian host that would silently swap every value.
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException(".npy I/O here assumes a little-endian host");
    }
}
