namespace Csol.Learning.Data.Clipart;

/// <summary>
/// Writes a format-0 standard MIDI file (one track) from a <see cref="MidiPhrase"/>. Written by hand rather than
/// with a MIDI library because the subset is tiny (header, tempo, program changes, note on/off, end of track) and
/// the tests pin the exact bytes.
/// </summary>
public static class MidiFileWriter
{
    public static byte[] Write(MidiPhrase phrase)
    {
        var track = new List<byte>();
        // Tempo and programs at tick 0, before any note, so the first note already has its instrument.
        track.AddRange([0x00, 0xFF, 0x51, 0x03,
            (byte)(phrase.MicrosecondsPerQuarter >> 16), (byte)(phrase.MicrosecondsPerQuarter >> 8), (byte)phrase.MicrosecondsPerQuarter]);
        foreach (var program in phrase.Programs)
            track.AddRange([0x00, (byte)(0xC0 | program.Channel), (byte)program.Program]);

        var tick = 0;
        foreach (var e in Events(phrase))
        {
            WriteVariableLength(track, e.Tick - tick);
            tick = e.Tick;
            track.AddRange([(byte)((e.On ? 0x90 : 0x80) | e.Channel), (byte)e.Key, (byte)(e.On ? e.Velocity : 0)]);
        }

        WriteVariableLength(track, Math.Max(0, phrase.EndTick - tick));
        track.AddRange([0xFF, 0x2F, 0x00]);

        var file = new List<byte>(22 + track.Count);
        file.AddRange("MThd"u8.ToArray());
        file.AddRange([0, 0, 0, 6, 0, 0, 0, 1, (byte)(phrase.TicksPerQuarter >> 8), (byte)phrase.TicksPerQuarter]);
        file.AddRange("MTrk"u8.ToArray());
        file.AddRange([(byte)(track.Count >> 24), (byte)(track.Count >> 16), (byte)(track.Count >> 8), (byte)track.Count]);
        file.AddRange(track);
        return [.. file];
    }

    private readonly record struct NoteEvent(int Tick, bool On, int Channel, int Key, int Velocity);

    /// <summary>Note-offs sort before note-ons at the same tick, so a repeated key is released before it is struck again.</summary>
    private static IEnumerable<NoteEvent> Events(MidiPhrase phrase) =>
        phrase.Notes
            .SelectMany(n => new[]
            {
                new NoteEvent(n.StartTick, true, n.Channel, n.Key, n.Velocity),
                new NoteEvent(n.StartTick + n.DurationTicks, false, n.Channel, n.Key, 0),
            })
            .OrderBy(e => e.Tick)
            .ThenBy(e => e.On ? 1 : 0);

    /// <summary>MIDI's variable-length quantity: 7 bits per byte, most significant first, high bit set on all but the last.</summary>
    public static void WriteVariableLength(List<byte> output, int value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        var buffer = value & 0x7F;
        while ((value >>= 7) > 0)
            buffer = (buffer << 8) | 0x80 | (value & 0x7F);
        while (true)
        {
            output.Add((byte)buffer);
            if ((buffer & 0x80) == 0)
                break;
            buffer >>= 8;
        }
    }
}
