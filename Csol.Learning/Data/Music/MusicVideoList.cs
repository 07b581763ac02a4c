namespace Csol.Learning.Data.Music;

/// <summary>
/// <c>MUSIC_solo_videos.json</c> / <c>MUSIC_duet_videos.json</c>: groups of YouTube ids. A solo group is one class
/// (<c>"flute"</c>); a duet group is a space-separated pair (<c>"flute violin"</c>).
/// </summary>
/// <param name="Version">The file's <c>version</c> field (1.0 in the release).</param>
/// <param name="Groups">Group name → YouTube ids, in file order.</param>
public sealed record MusicVideoList(double Version, IReadOnlyDictionary<string, IReadOnlyList<string>> Groups)
{
    public int VideoCount => Groups.Values.Sum(g => g.Count);

    /// <summary>The class indices a group names (one for solo, two for duet), in <paramref name="classes"/> (MUSIC when null).</summary>
    public static IReadOnlyList<int> ClassesOf(string group, string source, ClassSpace? classes = null) =>
        group.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(n => (classes ?? ClassSpace.Music).IndexOf(n, source)).ToArray();

    /// <summary>YouTube id → classes of its group; an id listed under two groups keeps the first.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<int>> ClassesByVideo(string source, ClassSpace? classes = null)
    {
        var map = new Dictionary<string, IReadOnlyList<int>>(StringComparer.Ordinal);
        foreach (var (group, ids) in Groups)
        {
            var labels = ClassesOf(group, source, classes);
            foreach (var id in ids)
                map.TryAdd(id, labels);
        }
        return map;
    }
}
