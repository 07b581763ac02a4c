using System.Text.Json;
using Csol.Learning.Data.Music;

namespace Csol.Learning.Data.Clipart;

/// <summary>
/// The instruments MUSIC-Clipart knows. Detector ids follow spec §1.3 for MUSIC's detector classes; the others get
/// fixed ids from 100 (stable whatever subset is built, so annotations of two builds compare). Keywords and
/// exclusions were chosen by looking at every picture in Debian's openclipart-svg 0.18 <c>recreation/music</c>:
/// <c>guitar_jarno_vasamaa2</c> is an electric guitar, the trumpet "mute" pictures show only the mute, and the
/// "piano theory" pictures are annotated diagrams, the "war drum" pictures do not read as drums. Key ranges are the instruments' usual ranges, kept
/// inside the
/// FluidR3 samples.
/// </summary>
public static class ClipartInstruments
{
    public static IReadOnlyList<ClipartInstrument> All { get; } =
    [
        new("acoustic_guitar", 3, ["guitar"], ["electric", "bass", "vasamaa2"], Program: 25, 40, 76, Sustained: false),
        new("cello", 1, ["cello"], [], Program: 42, 36, 69),
        new("drum", 100, ["drum", "djamb", "derbouk"], ["war_drum"], Program: 0, 35, 51, Percussion: true, Sustained: false),
        new("flute", 12, ["flute"], [], Program: 73, 60, 93),
        new("french_horn", 101, ["french_horn"], [], Program: 60, 41, 77),
        new("harp", 102, ["harp"], [], Program: 46, 36, 89, Sustained: false),
        new("oboe", 103, ["oboe"], [], Program: 68, 58, 89),
        new("piano", 104, ["piano"], ["theory"], Program: 0, 36, 96, Sustained: false),
        new("saxophone", 8, ["saxophone"], [], Program: 65, 49, 81),
        new("trombone", 105, ["trombone"], [], Program: 57, 40, 72),
        new("trumpet", 10, ["trumpet"], ["mute"], Program: 56, 54, 82),
        new("violin", 11, ["violin"], [], Program: 40, 55, 88),
        new("xylophone", 106, ["xylophone"], [], Program: 13, 65, 96, Sustained: false),
    ];

    /// <summary>Drum-kit keys of the GM percussion map used for the drum class (kick, snare, toms, hi-hats, ride, crash).</summary>
    public static IReadOnlyList<int> DrumKeys { get; } = [36, 38, 41, 42, 43, 45, 46, 47, 48, 49, 50, 51];

    /// <summary>
    /// Non-instrument pictures from the same folder used as distractors (records, notes, headphones...): they share
    /// the instruments' drawing styles, so "anything drawn" is not the answer. Instruments outside our classes
    /// (maracas, dulcimer, electric and bass guitars) are left out: they would be unannotated instruments.
    /// </summary>
    public static IReadOnlyList<string> DistractorKeywords { get; } =
        ["record", "gramophone", "headphones", "microphone", "note", "clef", "jukebox", "boombox", "vinyl", "quaver", "croche", "staff"];

    /// <summary>The class space of a build: <paramref name="classes"/> sorted by name (label = position), with their category ids.</summary>
    public static ClassSpace ClassSpaceOf(IReadOnlyList<ClipartInstrument> classes)
    {
        var sorted = classes.OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
        return new ClassSpace(sorted.Select(c => c.Name).ToList(),
            sorted.Select((c, label) => (c.CategoryId, label)).ToDictionary(p => p.CategoryId, p => p.label));
    }

    /// <summary>The clip-art fields of a class in <c>categories.json</c> besides name, label and category id.</summary>
    public static void WriteExtras(Utf8JsonWriter json, ClipartInstrument instrument)
    {
        json.WriteBoolean("detector_class", instrument.CategoryId < 100);
        json.WriteNumber("gm_program", instrument.Percussion ? -1 : instrument.Program);
        json.WriteBoolean("percussion", instrument.Percussion);
    }

    public static ClipartInstrument Get(string name) =>
        All.FirstOrDefault(i => i.Name == name)
        ?? throw new ArgumentException($"Unknown MUSIC-Clipart class '{name}'. Known: {string.Join(", ", All.Select(i => i.Name))}.", nameof(name));
}
