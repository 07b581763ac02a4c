namespace Csol.Learning.Data.Music;

/// <summary>The class of each solo video of a MUSIC-layout folder, from its <c>MUSIC_label/MUSIC_solo_videos.json</c>
/// in the folder's class space (<c>categories.json</c>, else MUSIC's).</summary>
/// <param name="Path">The class list file, for error messages.</param>
public sealed record SoloVideoClasses(string Path, ClassSpace Classes, IReadOnlyDictionary<string, IReadOnlyList<int>> ByYouTubeId)
{
    /// <param name="purpose">What needs the classes, for the missing-file error ("the audio check").</param>
    public static SoloVideoClasses Load(string root, string purpose)
    {
        var classes = ClassSpace.ForFolder(root);
        var path = System.IO.Path.Combine(root, "MUSIC_label", "MUSIC_solo_videos.json");
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path} not found: {purpose} needs each video's class.", path);
        return new SoloVideoClasses(path, classes, MusicVideosReader.Read(path, classes).ClassesByVideo(path, classes));
    }

    /// <summary>The class of a clip name (<c>&lt;id&gt;_0_1000</c>) or bare id; false when the list does not name it.</summary>
    public bool TryGetClass(string videoName, out int label)
    {
        var found = ByYouTubeId.TryGetValue(MusicVideoNames.YouTubeId(videoName), out var labels);
        label = found ? labels![0] : -1;
        return found;
    }
}
