namespace Csol.Learning.Data.Clipart;

/// <summary>
/// Random phrases for one or more instruments: a random walk inside each instrument's range at a random tempo and
/// loudness, with notes packed so that every second has onsets (no silent second, whose log-mel would be the
/// −100 dB floor and teach nothing).
/// </summary>
public static class PhraseComposer
{
    public const int TicksPerQuarter = 480;

    /// <summary>A phrase of <paramref name="seconds"/> seconds with every instrument playing throughout (a duet when two).</summary>
    public static MidiPhrase Compose(IReadOnlyList<ClipartInstrument> instruments, int seconds, Random random)
    {
        var beatsPerMinute = 72 + random.Next(0, 69);
        var microsecondsPerQuarter = 60_000_000 / beatsPerMinute;
        var ticksPerSecond = TicksPerQuarter * 1_000_000.0 / microsecondsPerQuarter;
        var endOfMusic = (int)Math.Ceiling(seconds * ticksPerSecond);

        var programs = new List<MidiProgram>();
        var notes = new List<MidiNote>();
        var nextMelodicChannel = 0;
        foreach (var instrument in instruments)
        {
            // At most two instruments play together, so melodic channels never reach the percussion channel 9.
            var channel = instrument.Percussion ? 9 : nextMelodicChannel++;
            if (!instrument.Percussion)
                programs.Add(new MidiProgram(channel, instrument.Program));
            var loudness = 60 + random.Next(0, 51);
            if (instrument.Percussion)
                AddDrumPattern(notes, channel, loudness, endOfMusic, random);
            else
                AddMelody(notes, instrument, channel, loudness, endOfMusic, random);
        }

        // Half a second of track after the music lets the last notes release inside the rendered length.
        return new MidiPhrase(TicksPerQuarter, microsecondsPerQuarter, programs, notes, endOfMusic + (int)(0.5 * ticksPerSecond));
    }

    private static void AddMelody(List<MidiNote> notes, ClipartInstrument instrument, int channel, int loudness, int end, Random random)
    {
        // Sustained instruments get quarters to half notes, plucked/struck ones eighths to quarters (their notes decay).
        int[] lengths = instrument.Sustained ? [240, 480, 480, 720, 960] : [240, 240, 480, 480, 720];
        var key = instrument.LowKey + random.Next(0, instrument.HighKey - instrument.LowKey + 1);
        for (var tick = 0; tick < end;)
        {
            var length = lengths[random.Next(lengths.Length)];
            key = Math.Clamp(key + random.Next(-5, 6), instrument.LowKey, instrument.HighKey);
            var velocity = Math.Clamp(loudness + random.Next(-12, 13), 30, 127);
            // Legato for sustained instruments; a short breath otherwise so repeated notes are heard as notes.
            var sounding = instrument.Sustained ? length : length * 7 / 8;
            notes.Add(new MidiNote(channel, key, velocity, tick, sounding));
            if (!instrument.Sustained && random.NextDouble() < 0.3)
            {
                var third = Math.Clamp(key + 3 + random.Next(0, 2), instrument.LowKey, instrument.HighKey);
                if (third != key)
                    notes.Add(new MidiNote(channel, third, Math.Max(30, velocity - 10), tick, sounding));
            }

            tick += length;
        }
    }

    private static void AddDrumPattern(List<MidiNote> notes, int channel, int loudness, int end, Random random)
    {
        // A random one-bar pattern of eighths, repeated with occasional variations, like a drummer keeping time.
        var pattern =
            Enumerable.Range(0, 8).Select(i => i % 4 == 0 ? 36 : ClipartInstruments.DrumKeys[random.Next(ClipartInstruments.DrumKeys.Count)])
            .ToArray();
        for (int tick = 0, step = 0; tick < end; tick += 240, step++)
        {
            var key = random.NextDouble() < 0.15 ? ClipartInstruments.DrumKeys[random.Next(ClipartInstruments.DrumKeys.Count)] : pattern[step % 8];
            var accent = step % 2 == 0 ? 10 : -10;
            notes.Add(new MidiNote(channel, key, Math.Clamp(loudness + accent + random.Next(-8, 9), 30, 127), tick, 120));
        }
    }
}
