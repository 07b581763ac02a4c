using System.Buffers.Binary;
using System.Text;

namespace Csol.Learning.Data.Media;

/// <summary>Reads RIFF/WAVE files holding 16-bit PCM or 32-bit IEEE float samples (plain or WAVE_FORMAT_EXTENSIBLE),
/// which covers our test fixtures and FluidSynth's output without a round trip through ffmpeg.</summary>
public static class WavReader
{
    private const ushort FormatPcm = 1, FormatFloat = 3, FormatExtensible = 0xFFFE;

    /// <exception cref="InvalidDataException">Not a WAV file, a format we do not read, or truncated; the message
    /// names the file and the problem.</exception>
    public static WavAudio Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 12 || Tag(bytes, 0) != "RIFF" || Tag(bytes, 8) != "WAVE")
            throw Invalid(path, "not a RIFF/WAVE file");

        (ushort Format, int Channels, int Rate, int Bits)? fmt = null;
        var pos = 12;
        while (pos + 8 <= bytes.Length)
        {
            var id = Tag(bytes, pos);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(pos + 4));
            var body = pos + 8;
            var available = bytes.Length - body;
            if (id == "fmt ")
            {
                if (size < 16 || available < 16)
                    throw Invalid(path, "fmt chunk is truncated");
                fmt = ReadFormat(path, bytes.AsSpan(body, (int)Math.Min(size, (uint)available)));
            }
            else if (id == "data")
            {
                if (fmt is null)
                    throw Invalid(path, "data chunk comes before the fmt chunk");
                if (size > available)
                    throw Invalid(path, $"truncated: the data chunk declares {size} bytes but only {available} follow");
                return Decode(path, fmt.Value, bytes.AsSpan(body, (int)size));
            }
            pos = body + (int)Math.Min(size + (size & 1), (uint)available); // chunks are padded to even sizes
        }
        throw Invalid(path, fmt is null ? "no fmt chunk" : "no data chunk");
    }

    private static (ushort, int, int, int) ReadFormat(string path, ReadOnlySpan<byte> chunk)
    {
        var format = BinaryPrimitives.ReadUInt16LittleEndian(chunk);
        var channels = BinaryPrimitives.ReadUInt16LittleEndian(chunk[2..]);
        var rate = BinaryPrimitives.ReadInt32LittleEndian(chunk[4..]);
        var bits = BinaryPrimitives.ReadUInt16LittleEndian(chunk[14..]);
        if (format == FormatExtensible && chunk.Length >= 26)
            format = BinaryPrimitives.ReadUInt16LittleEndian(chunk[24..]); // the sub-format GUID starts with the format code
        if (channels == 0 || rate <= 0)
            throw Invalid(path, $"fmt chunk has {channels} channels at {rate} Hz");
        if (!((format == FormatPcm && bits == 16) || (format == FormatFloat && bits == 32)))
            throw Invalid(path, $"unsupported sample format (format code {format}, {bits} bits); 16-bit PCM and 32-bit float are supported");
        return (format, channels, rate, bits);
    }

    private static WavAudio Decode(string path, (ushort Format, int Channels, int Rate, int Bits) fmt, ReadOnlySpan<byte> data)
    {
        var bytesPerFrame = fmt.Bits / 8 * fmt.Channels;
        if (data.Length % bytesPerFrame != 0)
            throw Invalid(path, $"truncated: the data chunk ({data.Length} bytes) is not a whole number of {bytesPerFrame}-byte frames");
        var samples = new float[data.Length / (fmt.Bits / 8)];
        for (var i = 0; i < samples.Length; i++)
            samples[i] = fmt.Format == FormatPcm
                ? BinaryPrimitives.ReadInt16LittleEndian(data[(2 * i)..]) / 32768f
                : BinaryPrimitives.ReadSingleLittleEndian(data[(4 * i)..]);
        return new WavAudio(fmt.Rate, fmt.Channels, samples);
    }

    private static string Tag(byte[] bytes, int offset) => Encoding.ASCII.GetString(bytes, offset, 4);

    private static InvalidDataException Invalid(string path, string problem) => new($"{path}: {problem}");
}
