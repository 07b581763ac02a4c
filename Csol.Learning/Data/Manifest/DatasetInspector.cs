using Csol.Learning.Data.Loading;
using Csol.Learning.Data.Music;

namespace Csol.Learning.Data.Manifest;

/// <summary>Builds a <see cref="DatasetManifest"/> for a MUSIC-layout or MUSIC-Synthetic folder.</summary>
/// <remarks>Classes come from any <c>*.json</c> in the folder that reads as a videos list (<c>MUSIC_solo_videos.json</c>
/// layout) or as frame annotations (<c>solotest.json</c> layout: the classes of a video's boxes). Other json files are
/// ignored; a videos/annotation json that fails to parse is a problem, not a crash.</remarks>
public static class DatasetInspector
{
    public const string Unknown = "unknown";

    public static DatasetManifest Inspect(string root)
    {
        if (!Directory.Exists(root))
            throw new DirectoryNotFoundException($"{root}: no such folder");
        var (hash, files, bytes) = ContentHasher.Hash(root);
        if (Directory.Exists(Path.Combine(root, MusicClipIndex.FramesFolder)))
            return InspectMusic(root, hash, files, bytes);
        if (Directory.Exists(Path.Combine(root, "audio")) && Directory.Exists(Path.Combine(root, "video")))
            return InspectSynthetic(root, hash, files, bytes);
        throw new InvalidDataException(
            $"{root}: neither a MUSIC layout ({MusicClipIndex.FramesFolder}/, {MusicClipIndex.AudioFolder}/) nor a MUSIC-Synthetic one (audio/, video/)");
    }

    private static DatasetManifest InspectMusic(string root, string hash, long files, long bytes)
    {
        var problems = new List<string>();
        var classesByVideo = ClassesByVideo(root, problems);
        var index = MusicClipIndex.Build(root);
        problems.AddRange(index.Problems);
        var videos = Directory.GetDirectories(Path.Combine(root, MusicClipIndex.FramesFolder)).Length;
        var perClass = index.Clips
            .SelectMany(c => classesByVideo.TryGetValue(MusicVideoNames.YouTubeId(c.Video), out var names) ? names : [Unknown])
            .GroupBy(n => n).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count());
        var classes = classesByVideo.Values.SelectMany(n => n).Distinct().Order(StringComparer.Ordinal).ToArray();
        var missingSeconds = index.Problems.Count(p => p.Contains(" second ", StringComparison.Ordinal));
        return new DatasetManifest(root, "music", classes, videos, index.Clips.Count, index.Clips.Count + missingSeconds,
            perClass, hash, files, bytes, problems);
    }

    private static DatasetManifest InspectSynthetic(string root, string hash, long files, long bytes)
    {
        var problems = new List<string>();
        IReadOnlyList<SyntheticSample> samples = [];
        try
        {
            samples = MusicSyntheticReader.ReadFolder(root);
        }
        catch (InvalidDataException e)
        {
            problems.Add(e.Message);
        }
        var perClass = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var sample in samples.Where(s => s.BoxPath is not null))
        {
            try
            {
                foreach (var box in MusicSyntheticReader.ReadBoxes(sample.BoxPath!))
                    perClass[MusicClasses.NameOf(box.ClassIndex)] = perClass.GetValueOrDefault(MusicClasses.NameOf(box.ClassIndex)) + 1;
            }
            catch (InvalidDataException e)
            {
                problems.Add(e.Message);
            }
        }
        var sorted = perClass.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.Value);
        return new DatasetManifest(root, "synthetic", sorted.Keys.ToArray(), 0, samples.Count, samples.Count, sorted, hash, files, bytes, problems);
    }

    /// <summary>YouTube id → class names, from the folder's videos lists and annotation files.</summary>
    private static Dictionary<string, string[]> ClassesByVideo(string root, List<string> problems)
    {
        var map = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var json in Directory.GetFiles(root, "*.json").Order(StringComparer.Ordinal))
        {
            var text = File.ReadAllText(json);
            try
            {
                if (text.Contains("\"videos\"", StringComparison.Ordinal))
                    foreach (var (id, classes) in MusicVideosReader.Read(json).ClassesByVideo(json))
                        map.TryAdd(id, classes.Select(MusicClasses.NameOf).ToArray());
                else if (text.Contains("\"bbox\"", StringComparison.Ordinal) && text.Contains("category_id", StringComparison.Ordinal))
                    foreach (var group in FrameAnnotationReader.Read(json).GroupBy(f => MusicVideoNames.YouTubeId(f.Video)))
                        map.TryAdd(group.Key, group.SelectMany(f => f.Boxes).Select(b => MusicClasses.NameOf(b.ClassIndex)).Distinct().Order(StringComparer.Ordinal).ToArray());
            }
            catch (InvalidDataException e)
            {
                problems.Add(e.Message);
            }
        }
        return map;
    }
}
