namespace Csol.Learning.Data.Clipart;

/// <summary>One note of a phrase, in MIDI ticks. <paramref name="Channel"/> is 0-based (percussion is channel 9).</summary>
public readonly record struct MidiNote(int Channel, int Key, int Velocity, int StartTick, int DurationTicks);

/// <summary>A General MIDI program assigned to a channel at the start of the phrase.</summary>
public readonly record struct MidiProgram(int Channel, int Program);

/// <summary>
/// Everything a one-track standard MIDI file needs: resolution, one tempo, the programs, the notes and where the
/// track ends (after the last note's release, so the synthesiser renders the whole last second).
/// </summary>
public sealed record MidiPhrase(
    int TicksPerQuarter,
    int MicrosecondsPerQuarter,
    IReadOnlyList<MidiProgram> Programs,
    IReadOnlyList<MidiNote> Notes,
    int EndTick)
{
    /// <summary>Ticks in one second at this phrase's tempo.</summary>
    public double TicksPerSecond => TicksPerQuarter * 1_000_000.0 / MicrosecondsPerQuarter;
}
