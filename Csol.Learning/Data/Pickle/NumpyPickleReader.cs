using System.Buffers.Binary;
using System.Text;

namespace Csol.Learning.Data.Pickle;

/// <summary>Reads exactly one kind of Python pickle: a numpy ndarray of float32/float64 as <c>pickle.dump(array)</c>
/// writes it with protocols 2–4, the form of MUSIC-Synthetic's and MUSIC's <c>audio_frames/…/SSS.pkl</c> log-mels.</summary>
/// <remarks>Nothing is executed. The reader is a small interpreter for the opcodes such a file uses (strings, bytes,
/// small ints, tuples, memo, GLOBAL/STACK_GLOBAL, REDUCE, BUILD) and accepts only four globals, which it imitates
/// itself instead of calling: <c>numpy.core.multiarray._reconstruct</c> (or numpy 2's <c>numpy._core…</c>),
/// <c>numpy.ndarray</c>, <c>numpy.dtype</c> and <c>_codecs.encode</c> (protocol 2 stores bytes as latin-1 text). Any other
/// opcode or global, protocol 0/1/5, or a result that is not such an array is refused with the file's name.</remarks>
public static class NumpyPickleReader
{
    /// <summary>A (rows, columns) float array, row-major, converted to float32; otherwise an error naming the file
    /// and the actual shape and dtype.</summary>
    public static float[,] ReadFloatMatrix(string path, int rows, int columns)
    {
        var array = Read(path);
        if (array.Shape.Length != 2 || array.Shape[0] != rows || array.Shape[1] != columns || !array.IsFloat)
            throw new InvalidDataException($"{path}: expected a ({rows}, {columns}) float array, got shape ({string.Join(", ", array.Shape)}) " +
                $"of dtype {array.DtypeName}.");
        var values = array.ToFloat32();
        var matrix = new float[rows, columns];
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < columns; c++)
                matrix[r, c] = array.Fortran ? values[c * rows + r] : values[r * columns + c];
        return matrix;
    }

    /// <summary>The array a numpy pickle holds (any shape and dtype), refusing anything else.</summary>
    public static PickledNdArray Read(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"pickle not found: {path}", path);
        try
        {
            return new Machine(File.ReadAllBytes(path)).Run() as PickledNdArray
                   ?? throw new PickleRefusedException("the pickle's value is not a numpy array");
        }
        catch (PickleRefusedException e)
        {
            throw new InvalidDataException($"{path}: not a numpy array pickle we read: {e.Message}", e);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
        catch (Exception e) when (e is IndexOutOfRangeException or ArgumentOutOfRangeException or InvalidCastException
                                      or InvalidOperationException or OverflowException or KeyNotFoundException)
        {
            throw new InvalidDataException($"{path}: malformed or truncated pickle ({e.Message})", e);
        }
    }

    private sealed class PickleRefusedException(string message) : Exception(message);

    private sealed record Global(string Module, string Name);
    private sealed class Mark;
    private sealed class DType(string descr) { public string Descr = descr; public string ByteOrder = "|"; }

    private sealed class Machine(byte[] data)
    {
        private static readonly HashSet<(string, string)> Allowed =
        [
            ("numpy.core.multiarray", "_reconstruct"), ("numpy._core.multiarray", "_reconstruct"),
            ("numpy", "ndarray"), ("numpy", "dtype"), ("_codecs", "encode"),
        ];

        private readonly List<object?> stack = [];
        private readonly Dictionary<long, object?> memo = [];
        private int at;

        public object? Run()
        {
            if (data.Length < 2 || data[0] != 0x80)
                throw new PickleRefusedException("no PROTO opcode (protocol 0/1 or not a pickle)");
            while (true)
            {
                var offset = at;
                var op = data[at++];
                switch (op)
                {
                    case 0x80:
                        var protocol = data[at++];
                        if (protocol is < 2 or > 4)
                            throw new PickleRefusedException($"protocol {protocol} (2–4 are read)");
                        break;
                    case 0x95: at += 8; break;                                           // FRAME: a length hint
                    case (byte)'c': Push(CheckGlobal(Line(), Line())); break;            // GLOBAL
                    case 0x93:                                                           // STACK_GLOBAL
                        var name = Pop<string>();
                        Push(CheckGlobal(Pop<string>(), name));
                        break;
                    case (byte)'q': memo[data[at++]] = Top(); break;                     // BINPUT
                    case (byte)'r': memo[Int32()] = Top(); break;                        // LONG_BINPUT
                    case 0x94: memo[memo.Count] = Top(); break;                          // MEMOIZE
                    case (byte)'h': Push(memo[data[at++]]); break;                       // BINGET
                    case (byte)'j': Push(memo[Int32()]); break;                          // LONG_BINGET
                    case (byte)'K': Push((long)data[at++]); break;                       // BININT1
                    case (byte)'M': Push((long)BinaryPrimitives.ReadUInt16LittleEndian(Take(2))); break;
                    case (byte)'J': Push((long)Int32()); break;                          // BININT
                    case 0x8a: Push(Long1()); break;                                     // LONG1
                    case (byte)'N': Push(null); break;
                    case 0x88: Push(true); break;
                    case 0x89: Push(false); break;
                    case (byte)')': Push(Array.Empty<object?>()); break;
                    case 0x85: Push(PopTuple(1)); break;
                    case 0x86: Push(PopTuple(2)); break;
                    case 0x87: Push(PopTuple(3)); break;
                    case (byte)'(': Push(new Mark()); break;
                    case (byte)'t': Push(PopToMark()); break;
                    case (byte)'X': Push(Encoding.UTF8.GetString(Take(Int32()))); break;           // BINUNICODE
                    case 0x8c: Push(Encoding.UTF8.GetString(Take(data[at++]))); break;              // SHORT_BINUNICODE
                    case 0x8d: Push(Encoding.UTF8.GetString(Take(checked((int)Int64())))); break;  // BINUNICODE8
                    case (byte)'C': case (byte)'U': Push(Take(data[at++]).ToArray()); break;        // SHORT_BINBYTES / _BINSTRING
                    case (byte)'B': case (byte)'T': Push(Take(Int32()).ToArray()); break;           // BINBYTES / BINSTRING
                    case 0x8e: Push(Take(checked((int)Int64())).ToArray()); break;                  // BINBYTES8
                    case (byte)'R': Reduce(); break;
                    case (byte)'b': Build(); break;
                    case (byte)'.':
                        return stack.Count == 1 ? stack[0] : throw new PickleRefusedException($"{stack.Count} values left at STOP");
                    default:
                        throw new PickleRefusedException($"opcode 0x{op:x2} at byte {offset} is not one a numpy array pickle uses");
                }
            }
        }

        private static Global CheckGlobal(string module, string name)
            => Allowed.Contains((module, name)) ? new Global(module, name)
                : throw new PickleRefusedException($"it names {module}.{name}; only numpy arrays are read and nothing is executed");

        private void Reduce()
        {
            var args = Pop<object?[]>();
            var callable = Pop<Global>();
            switch (callable.Name)
            {
                case "_reconstruct":
                    if (args is not [Global { Name: "ndarray" }, ..])
                        throw new PickleRefusedException("_reconstruct of something other than numpy.ndarray");
                    Push(new PickledNdArray());
                    break;
                case "dtype":
                    Push(new DType(args is [string descr, ..] ? descr : throw new PickleRefusedException("numpy.dtype without a type string")));
                    break;
                case "encode":
                    if (args is not [string text, "latin1"])
                        throw new PickleRefusedException("_codecs.encode other than latin-1 text");
                    Push(text.Select(ch => ch <= 0xFF ? (byte)ch : throw new PickleRefusedException("latin-1 text beyond U+00FF")).ToArray());
                    break;
                default:
                    throw new PickleRefusedException($"{callable.Module}.{callable.Name} cannot be called");
            }
        }

        private void Build()
        {
            var state = Pop<object?[]>();
            switch (Top())
            {
                case DType dtype:
                    // (version, byte order, subarray, names, fields, elsize, alignment, flags)
                    dtype.ByteOrder = state is [_, string order, ..] ? order : "|";
                    break;
                case PickledNdArray array:
                    // (version, shape, dtype, is_fortran, raw data)
                    if (state is not [long, object?[] shape, DType type, bool fortran, byte[] raw])
                        throw new PickleRefusedException("ndarray state is not (version, shape, dtype, fortran, bytes)");
                    array.Set(shape.Select(d => d is long v ? checked((int)v) : throw new PickleRefusedException("non-integer dimension")).ToArray(),
                        type.Descr, type.ByteOrder, fortran, raw);
                    break;
                default:
                    throw new PickleRefusedException("BUILD on something other than an ndarray or dtype");
            }
        }

        private object?[] PopTuple(int count)
        {
            var items = stack.GetRange(stack.Count - count, count).ToArray();
            stack.RemoveRange(stack.Count - count, count);
            return items;
        }

        private object?[] PopToMark()
        {
            var mark = stack.FindLastIndex(item => item is Mark);
            if (mark < 0)
                throw new PickleRefusedException("TUPLE without MARK");
            var items = stack.GetRange(mark + 1, stack.Count - mark - 1).ToArray();
            stack.RemoveRange(mark, stack.Count - mark);
            return items;
        }

        private void Push(object? value) => stack.Add(value);
        private object? Top() => stack[^1];

        private T Pop<T>()
        {
            var value = stack[^1];
            stack.RemoveAt(stack.Count - 1);
            return value is T typed ? typed
                : throw new PickleRefusedException($"expected {typeof(T).Name} on the stack, found {value?.GetType().Name ?? "None"}");
        }

        private ReadOnlySpan<byte> Take(int length)
        {
            if (length < 0 || at + length > data.Length)
                throw new PickleRefusedException($"a {length}-byte value runs past the end of the file (truncated?)");
            var span = data.AsSpan(at, length);
            at += length;
            return span;
        }

        private int Int32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));
        private long Int64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

        private long Long1()
        {
            var bytes = Take(data[at++]);
            if (bytes.Length > 8)
                throw new PickleRefusedException("integer wider than 64 bits");
            long value = 0;
            for (var i = bytes.Length - 1; i >= 0; i--)
                value = (value << 8) | bytes[i];
            if (bytes.Length is > 0 and < 8 && (bytes[^1] & 0x80) != 0)
                value -= 1L << (8 * bytes.Length);
            return value;
        }

        private string Line()
        {
            var end = Array.IndexOf(data, (byte)'\n', at);
            if (end < 0)
                throw new PickleRefusedException("GLOBAL without a newline");
            var text = Encoding.ASCII.GetString(data, at, end - at);
            at = end + 1;
            return text;
        }
    }
}

/// <summary>The array a numpy pickle describes: shape, element type and raw bytes.</summary>
public sealed class PickledNdArray
{
    public int[] Shape { get; private set; } = [];
    public string Descr { get; private set; } = "";
    public string ByteOrder { get; private set; } = "|";
    public bool Fortran { get; private set; }
    private byte[] raw = [];

    public bool IsFloat => Descr is "f4" or "f8";
    public string DtypeName
        => Descr switch
        {
            "f4" => "float32",
            "f8" => "float64",
            "i1" => "int8",
            "i2" => "int16",
            "i4" => "int32",
            "i8" => "int64",
            "u1" => "uint8",
            _ => Descr
        };

    internal void Set(int[] shape, string descr, string byteOrder, bool fortran, byte[] data)
    {
        (Shape, Descr, ByteOrder, Fortran, raw) = (shape, descr, byteOrder, fortran, data);
        var size = descr.Length > 1 && int.TryParse(descr[1..], out var s) ? s : 0;
        long count = shape.Aggregate(1L, (a, b) => a * b);
        if (size > 0 && count * size != data.Length)
            throw new InvalidDataException(
                $"shape ({string.Join(", ", shape)}) of {descr} needs {count * size} bytes, the pickle holds {data.Length}");
    }

    /// <summary>The values in storage order (C or Fortran, see <see cref="Fortran"/>) as float32.</summary>
    public float[] ToFloat32()
    {
        var bigEndian = ByteOrder == ">";
        return Descr switch
        {
            "f4" => Enumerable.Range(0, raw.Length / 4).Select(i => bigEndian
                ? BinaryPrimitives.ReadSingleBigEndian(raw.AsSpan(4 * i)) : BinaryPrimitives.ReadSingleLittleEndian(raw.AsSpan(4 * i))).ToArray(),
            "f8" => Enumerable.Range(0, raw.Length / 8).Select(i => (float)(bigEndian
                ? BinaryPrimitives.ReadDoubleBigEndian(raw.AsSpan(8 * i)) : BinaryPrimitives.ReadDoubleLittleEndian(raw.AsSpan(8 * i)))).ToArray(),
            _ => throw new InvalidOperationException($"dtype {DtypeName} is not a float type"),
        };
    }
}
