using System.Buffers.Binary;
using System.Text;

namespace Csol.Learning.Data.Media;

/// <summary>Writes mono or interleaved audio as a RIFF/WAVE file of 16-bit PCM (clipped to [-1, 1]) or 32-bit float.</summary>
public static class WavWriter
{
    public static void Write(string path, WavAudio audio, bool asFloat32 = false)
    {
        var bytesPerSample = asFloat32 ? 4 : 2;
        var dataBytes = audio.Samples.Length * bytesPerSample;
        var bytes = new byte[44 + dataBytes];
        var span = bytes.AsSpan();
        Encoding.ASCII.GetBytes("RIFF").CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], 36 + dataBytes);
        Encoding.ASCII.GetBytes("WAVEfmt ").CopyTo(span[8..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteUInt16LittleEndian(span[20..], (ushort)(asFloat32 ? 3 : 1));
        BinaryPrimitives.WriteUInt16LittleEndian(span[22..], (ushort)audio.Channels);
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], audio.SampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(span[28..], audio.SampleRate * audio.Channels * bytesPerSample);
        BinaryPrimitives.WriteUInt16LittleEndian(span[32..], (ushort)(audio.Channels * bytesPerSample));
        BinaryPrimitives.WriteUInt16LittleEndian(span[34..], (ushort)(8 * bytesPerSample));
        Encoding.ASCII.GetBytes("data").CopyTo(span[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[40..], dataBytes);
        for (var i = 0; i < audio.Samples.Length; i++)
        {
            if (asFloat32)
                BinaryPrimitives.WriteSingleLittleEndian(span[(44 + 4 * i)..], audio.Samples[i]);
            else
                BinaryPrimitives.WriteInt16LittleEndian(span[(44 + 2 * i)..],
                    (short)Math.Round(Math.Clamp(audio.Samples[i], -1f, 32767f / 32768) * 32768));
        }
        File.WriteAllBytes(path, bytes);
    }
}
