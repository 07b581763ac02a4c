namespace Csol.Learning.Data.Clipart;

/// <summary>
/// One MUSIC-Clipart class: how its pictures are found and how it sounds.
/// </summary>
/// <param name="Name">Class name; MUSIC's own name where the instrument is one of MUSIC's 11 classes.</param>
/// <param name="CategoryId">Id in the detector id space of spec §1.3, or an id ≥ 100 for classes the detector lacks.</param>
/// <param name="Keywords">A picture belongs to the class when its file name contains one of these.</param>
/// <param name="Excludes">…and none of these (e.g. electric guitars, trumpet mutes).</param>
/// <param name="Program">General MIDI program (0-based); ignored for percussion.</param>
/// <param name="LowKey">Lowest MIDI key of the phrases (inclusive).</param>
/// <param name="HighKey">Highest MIDI key (inclusive).</param>
/// <param name="Percussion">Plays on the GM percussion channel (10, i.e. index 9) with drum-kit keys.</param>
/// <param name="Sustained">Bowed or blown: longer notes; plucked/struck instruments get shorter notes and dyads.</param>
public sealed record ClipartInstrument(
    string Name,
    int CategoryId,
    IReadOnlyList<string> Keywords,
    IReadOnlyList<string> Excludes,
    int Program,
    int LowKey,
    int HighKey,
    bool Percussion = false,
    bool Sustained = true);
