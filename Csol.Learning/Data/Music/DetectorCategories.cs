namespace Csol.Learning.Data.Music;

/// <summary>
/// The detector id space of <c>solotest.json</c>/<c>duettest.json</c> and the reference MUSIC-Synthetic box files
/// (spec §1.3), mapped to our MUSIC class indices. Only these 7 classes were annotated (issue #8): the detector used for
/// annotation has no erhu, clarinet, tuba or xylophone.
/// </summary>
public static class DetectorCategories
{
    private static readonly IReadOnlyDictionary<int, string> NameById = new Dictionary<int, string>
    {
        [13] = "accordion", [3] = "acoustic_guitar", [1] = "cello", [12] = "flute",
        [8] = "saxophone", [10] = "trumpet", [11] = "violin",
    };

    private static readonly IReadOnlyDictionary<int, int> ClassById =
        NameById.ToDictionary(p => p.Key, p => MusicClasses.IndexOf(p.Value, nameof(DetectorCategories)));

    private static readonly IReadOnlyDictionary<int, int> IdByClass = ClassById.ToDictionary(p => p.Value, p => p.Key);

    /// <summary>Detector ids in ascending order.</summary>
    public static IReadOnlyList<int> Ids { get; } = NameById.Keys.Order().ToArray();

    /// <summary>Class indices that have a detector id (the annotatable classes).</summary>
    public static IReadOnlyList<int> AnnotatedClasses { get; } = IdByClass.Keys.Order().ToArray();

    public static bool TryToClassIndex(int detectorId, out int classIndex) => ClassById.TryGetValue(detectorId, out classIndex);

    /// <summary>The class index of a detector id; an unknown id names the file and key it came from.</summary>
    public static int ToClassIndex(int detectorId, string file, string key) =>
        ClassById.TryGetValue(detectorId, out var classIndex)
            ? classIndex
            : throw new InvalidDataException(
                $"{file}: {key}: unknown detector category id {detectorId} (known: {string.Join(", ", Ids)})");

    /// <summary>The detector id of a class; the 4 classes the detector lacks cannot be written in this id space.</summary>
    public static int ToDetectorId(int classIndex) =>
        IdByClass.TryGetValue(classIndex, out var id)
            ? id
            : throw new ArgumentException(
                $"Class {classIndex} ({MusicClasses.NameOf(classIndex)}) has no detector category id; only " +
                $"{string.Join(", ", AnnotatedClasses.Select(MusicClasses.NameOf))} can be written to annotation files.",
                nameof(classIndex));
}
