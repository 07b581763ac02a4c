namespace Csol.Learning.Data.Clipart;

/// <summary>The SVG files of one class, split into pictures for training videos and pictures for validation/test videos.</summary>
public sealed record ClipartClassPictures(ClipartInstrument Instrument, IReadOnlyList<string> Train, IReadOnlyList<string> Test)
{
    /// <summary>True when the class has a single picture, used by both splits.</summary>
    public bool Shared => Train.SequenceEqual(Test);
}

/// <summary>
/// Maps MUSIC-Clipart classes to the openclipart SVGs of their instrument, by file-name keywords (see
/// <see cref="ClipartInstruments"/>). Found in Debian's openclipart-svg 1:0.18 (<c>recreation/music</c>):
/// <code>
/// class            pictures  files
/// acoustic_guitar  3         guitar_ganson, guitar_jarno_vasamaa1, guitar_profile_philippe__01
/// cello            3         cello_ganson, cello_mo_01, cello_mo_02
/// drum             6         africandrum_benji_park1/2/_, derbouk_jurgen_01, djambf_ganson, drums_jarno_vasamaa_
/// flute            1         flute_ganson
/// french_horn      1         french_horn_ganson
/// harp             4         harp1/2/3_ganson, harp_mo_01
/// oboe             1         oboe_ganson
/// piano            2         piano_geraint_luff_01, piano_keys_jonathan_diet_01
/// saxophone        1         saxophone_jarno_vasamaa_
/// trombone         1         tenor_trombone_ganson
/// trumpet          5         trumpet_b_flat(_colour), trumpet_herald, trumpet_pocket(_colour)
/// violin           3         violin_colour_ganson, violin_ganson, violin_mo_01
/// xylophone        1         xylophone_ganson
/// </code>
/// The package has no accordion, clarinet, tuba or erhu.
/// </summary>
public sealed class ClipartCatalogue(IReadOnlyList<ClipartClassPictures> classes, IReadOnlyList<string> distractors)
{
    /// <summary>Classes with at least one picture, in sorted (label) order.</summary>
    public IReadOnlyList<ClipartClassPictures> Classes { get; } = classes;

    /// <summary>Non-instrument music clip art for scene backgrounds.</summary>
    public IReadOnlyList<string> Distractors { get; } = distractors;

    public ClipartClassPictures this[string name] =>
        Classes.FirstOrDefault(c => c.Instrument.Name == name)
        ?? throw new ArgumentException(
            $"The clip-art folder has no picture for class '{name}'. Found: {string.Join(", ", Classes.Select(c => c.Instrument.Name))}.");

    public static ClipartCatalogue Scan(string musicFolder)
    {
        var files = Directory.EnumerateFiles(musicFolder, "*.svg", SearchOption.TopDirectoryOnly)
            .Order(StringComparer.Ordinal)
            .ToList();
        var classes = new List<ClipartClassPictures>();
        foreach (var instrument in ClipartInstruments.All)
        {
            var mine = files.Where(f => Matches(Path.GetFileNameWithoutExtension(f), instrument.Keywords, instrument.Excludes)).ToList();
            if (mine.Count > 0)
                classes.Add(Split(instrument, mine));
        }

        var distractors = files.Where(f => Matches(Path.GetFileNameWithoutExtension(f), ClipartInstruments.DistractorKeywords, [])).ToList();
        return new ClipartCatalogue(classes, distractors);
    }

    private static bool Matches(string name, IReadOnlyList<string> keywords, IReadOnlyList<string> excludes) =>
        keywords.Any(k => name.Contains(k, StringComparison.OrdinalIgnoreCase))
        && !excludes.Any(k => name.Contains(k, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Every third drawing (by family) is a test picture. Colour and black-and-white versions of one drawing form a
    /// family and stay on the same side, or the test set would hold recoloured training pictures. A single-family
    /// class uses its pictures for both splits (flute, saxophone, … have one picture).
    /// </summary>
    private static ClipartClassPictures Split(ClipartInstrument instrument, List<string> files)
    {
        var families = files.GroupBy(FamilyKey, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        if (families.Count == 1)
            return new ClipartClassPictures(instrument, files, files);
        var test = families.Where((_, i) => i % 3 == 1).SelectMany(g => g).Order(StringComparer.Ordinal).ToList();
        var train = files.Except(test).ToList();
        return new ClipartClassPictures(instrument, train, test);
    }

    /// <summary>File names are truncated by the package (…_colour_ganso), so the family is a normalised prefix.</summary>
    private static string FamilyKey(string file)
    {
        var name = Path.GetFileNameWithoutExtension(file).Replace("colour", "", StringComparison.OrdinalIgnoreCase);
        while (name.Contains("__", StringComparison.Ordinal))
            name = name.Replace("__", "_", StringComparison.Ordinal);
        return name.Length > 18 ? name[..18] : name;
    }
}
