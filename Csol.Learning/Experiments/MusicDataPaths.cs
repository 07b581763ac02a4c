namespace Csol.Learning.Experiments;

/// <summary>The files a <c>music</c> data source reads, from <c>data.root</c> and the paths relative to it.</summary>
public static class MusicDataPaths
{
    /// <summary>The class lists (spec §1.2) the true class of each training video comes from (for NMI).</summary>
    public static readonly string SoloVideosFile = Path.Combine("MUSIC_label", "MUSIC_solo_videos.json");

    public static string TrainSplit(ProceduralDataConfig data) => Under(data, data.TrainSplit);

    public static string TestAnnotations(ProceduralDataConfig data) => Under(data, data.TestAnnotations);

    public static string ValidationSplit(ProceduralDataConfig data) => Under(data, data.ValidationSplit);

    public static string SoloVideos(ProceduralDataConfig data) => Under(data, SoloVideosFile);

    private static string Under(ProceduralDataConfig data, string path)
        => Path.GetFullPath(path, Path.GetFullPath(data.Root ?? throw new InvalidOperationException("data.root is not set")));
}
