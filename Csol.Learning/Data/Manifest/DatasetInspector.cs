using Csol.Learning.Data.Loading;
using Csol.Learning.Data.Music;

namespace Csol.Learning.Data.Manifest;

/// <summary>Builds a <see cref="DatasetManifest"/> for a MUSIC-layout or MUSIC-Synthetic folder.</summary>
/// <remarks>Classes come from any <c>*.json</c> in the folder or its <c>MUSIC_label/</c> that reads as a videos list
/// (<c>MUSIC_solo_videos.json</c> layout) or as frame annotations (<c>solotest.json</c> layout: the classes of a video's
/// boxes). Names and category ids are those of the folder's <c>categories.json</c> when it has one (MUSIC-Clipart), else
/// MUSIC's. Other json files are ignored; a videos/annotation json that fails to parse is a problem, not a crash.</remarks>
public static class DatasetInspector
{
    public const string Unknown = "unknown";

    /// <summary>Where the real MUSIC release keeps its class lists.</summary>
    public const string LabelFolder = "MUSIC_label";

    /// <param name="classes">The class space; when null, the <c>categories.json</c> of the folder (or, for a synthetic
    /// split such as MUSIC-Clipart's <c>synthetic/test</c>, of the dataset two levels up), else MUSIC's.</param>
    public static DatasetManifest Inspect(string root, ClassSpace? classes = null)
    {
        if (!Directory.Exists(root))
            throw new DirectoryNotFoundException($"{root}: no such folder");
        var problems = new List<string>();
        var space = classes ?? FindClassSpace(root, problems);
        var (hash, files, bytes) = ContentHasher.Hash(root);
        if (Directory.Exists(Path.Combine(root, MusicClipIndex.FramesFolder)))
            return InspectMusic(root, space, hash, files, bytes, problems);
        if (Directory.Exists(Path.Combine(root, "audio")) && Directory.Exists(Path.Combine(root, "video")))
            return InspectSynthetic(root, space, hash, files, bytes, problems);
        throw new InvalidDataException(
            $"{root}: neither a MUSIC layout ({MusicClipIndex.FramesFolder}/, {MusicClipIndex.AudioFolder}/) nor a MUSIC-Synthetic one (audio/, "
                + $"video/)");
    }

    private static ClassSpace FindClassSpace(string root, List<string> problems)
    {
        for (var (folder, depth) = (Path.GetFullPath(root), 0); folder is not null
            && depth <= 2; (folder, depth) = (Path.GetDirectoryName(folder), depth + 1))
        {
            var path = Path.Combine(folder, ClassSpace.CategoriesFile);
            if (!File.Exists(path))
                continue;
            try
            {
                return ClassSpace.Load(path);
            }
            catch (InvalidDataException e)
            {
                problems.Add(e.Message);
                break;
            }
        }
        return ClassSpace.Music;
    }

    private static DatasetManifest InspectMusic(string root, ClassSpace space, string hash, long files, long bytes, List<string> problems)
    {
        var classesByVideo = ClassesByVideo(root, space, problems);
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

    private static DatasetManifest InspectSynthetic(string root, ClassSpace space, string hash, long files, long bytes, List<string> problems)
    {
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
                foreach (var name in MusicSyntheticReader.ReadBoxes(sample.BoxPath!, space).Select(b => space.NameOf(b.ClassIndex)))
                    perClass[name] = perClass.GetValueOrDefault(name) + 1;
            }
            catch (InvalidDataException e)
            {
                problems.Add(e.Message);
            }
        }
        var sorted = perClass.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.Value);
        return new DatasetManifest(root, "synthetic", sorted.Keys.ToArray(), 0, samples.Count, samples.Count, sorted, hash, files, bytes, problems);
    }

    /// <summary>YouTube id → class names, from the folder's videos lists (MUSIC_label/ first) and annotation files.</summary>
    private static Dictionary<string, string[]> ClassesByVideo(string root, ClassSpace space, List<string> problems)
    {
        var map = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var labels = Path.Combine(root, LabelFolder);
        var jsons = (Directory.Exists(labels) ? Directory.GetFiles(labels, "*.json").Order(StringComparer.Ordinal) : Enumerable.Empty<string>())
            .Concat(Directory.GetFiles(root, "*.json").Order(StringComparer.Ordinal))
            // Our own outputs: the class table and a written manifest (whose "videos" count is not a videos list).
            .Where(f => Path.GetFileName(f) is not (ClassSpace.CategoriesFile or DatasetManifestJson.FileName));
        foreach (var json in jsons)
        {
            var text = File.ReadAllText(json);
            try
            {
                if (text.Contains("\"videos\"", StringComparison.Ordinal))
                    foreach (var (id, classes) in MusicVideosReader.Read(json, space).ClassesByVideo(json, space))
                        map.TryAdd(id, classes.Select(space.NameOf).ToArray());
                else if (text.Contains("\"bbox\"", StringComparison.Ordinal) && text.Contains("category_id", StringComparison.Ordinal))
                    foreach (var group in FrameAnnotationReader.Read(json, space).GroupBy(f => MusicVideoNames.YouTubeId(f.Video)))
                        map.TryAdd(group.Key,
                            group.SelectMany(f => f.Boxes).Select(b => space.NameOf(b.ClassIndex)).Distinct().Order(StringComparer.Ordinal)
                            .ToArray());
            }
            catch (InvalidDataException e)
            {
                problems.Add(e.Message);
            }
        }
        return map;
    }
}
