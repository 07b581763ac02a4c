namespace Csol.Learning.Data.Music;

/// <summary>
/// The detector id space of <c>solotest.json</c>/<c>duettest.json</c> and the reference MUSIC-Synthetic box files
/// (spec §1.3), mapped to our MUSIC class indices. Only these 7 classes were annotated (issue #8): the detector used for
/// annotation has no erhu, clarinet, tuba or xylophone.
/// </summary>
/// <remarks>Shorthand for the ids of <see cref="ClassSpace.Music"/>; other datasets bring their own <see cref="ClassSpace"/>.</remarks>
public static class DetectorCategories
{
    /// <summary>Detector ids in ascending order.</summary>
    public static IReadOnlyList<int> Ids => ClassSpace.Music.CategoryIds;

    /// <summary>Class indices that have a detector id (the annotatable classes).</summary>
    public static IReadOnlyList<int> AnnotatedClasses => ClassSpace.Music.AnnotatedClasses;

    public static bool TryToClassIndex(int detectorId, out int classIndex) => ClassSpace.Music.TryToClassIndex(detectorId, out classIndex);

    /// <summary>The class index of a detector id; an unknown id names the file and key it came from.</summary>
    public static int ToClassIndex(int detectorId, string file, string key) => ClassSpace.Music.ToClassIndex(detectorId, file, key);

    /// <summary>The detector id of a class; the 4 classes the detector lacks cannot be written in this id space.</summary>
    public static int ToDetectorId(int classIndex) => ClassSpace.Music.ToCategoryId(classIndex);
}
