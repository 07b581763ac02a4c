using System.Buffers.Binary;

namespace Csol.Learning.Data.Clipart;

/// <summary>
/// Reads the WAV files fluidsynth writes (RIFF, PCM 16-bit or float 32-bit) and mixes them down to mono.
/// Kept minimal on purpose: it only has to read our own renderer's output.
/// </summary>
internal static class ClipartWav
{
    public static float[] ReadMono(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 12 || !bytes.AsSpan(0, 4).SequenceEqual("RIFF"u8) || !bytes.AsSpan(8, 4).SequenceEqual("WAVE"u8))
            throw new InvalidDataException($"{path} is not a RIFF/WAVE file.");

        int channels = 0, bits = 0, format = 0;
        for (var offset = 12; offset + 8 <= bytes.Length;)
        {
            var id = bytes.AsSpan(offset, 4);
            var size = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(offset + 4));
            var body = bytes.AsSpan(offset + 8, Math.Min(size, bytes.Length - offset - 8));
            if (id.SequenceEqual("fmt "u8))
            {
                format = BinaryPrimitives.ReadUInt16LittleEndian(body);
                channels = BinaryPrimitives.ReadUInt16LittleEndian(body[2..]);
                bits = BinaryPrimitives.ReadUInt16LittleEndian(body[14..]);
                // WAVE_FORMAT_EXTENSIBLE keeps the real format in the sub-format GUID's first two bytes.
                if (format == 0xFFFE && body.Length >= 26)
                    format = BinaryPrimitives.ReadUInt16LittleEndian(body[24..]);
            }
            else if (id.SequenceEqual("data"u8))
                return Decode(body, format, channels, bits, path);

            offset += 8 + size + (size & 1);
        }

        throw new InvalidDataException($"{path} has no data chunk.");
    }

    private static float[] Decode(ReadOnlySpan<byte> data, int format, int channels, int bits, string path)
    {
        if (channels < 1 || !((format == 1 && bits == 16) || (format == 3 && bits == 32)))
            throw new InvalidDataException($"{path}: only 16-bit PCM or 32-bit float WAV is read (format {format}, {bits} bits, {channels} channels).");
        var bytesPerSample = bits / 8;
        var frames = data.Length / (bytesPerSample * channels);
        var mono = new float[frames];
        for (var i = 0; i < frames; i++)
        {
            var sum = 0f;
            for (var c = 0; c < channels; c++)
            {
                var at = data[(((i * channels) + c) * bytesPerSample)..];
                sum += format == 1 ? BinaryPrimitives.ReadInt16LittleEndian(at) / 32768f : BinaryPrimitives.ReadSingleLittleEndian(at);
            }

            mono[i] = sum / channels;
        }

        return mono;
    }
}
