using Csol.Abstractions;
using Csol.Learning.Data.Music;

namespace Csol.Silo.Experiments;

/// <summary>What a split of a music-layout dataset scores: a folder (MUSIC-Synthetic layout, 2×2 composites) or an
/// annotation file whose frames show two or more sounding objects (duets) is multi-source; an annotation file with one
/// object per frame (solos) is single-source.</summary>
public static class EvaluationSplits
{
    /// <summary>The split names shown first in the dialog when the dataset has them.</summary>
    public static readonly IReadOnlyList<string> Known = ["solotest.json", "duettest.json", "synthetic/test", "solotrain.json"];

    /// <summary>The leaderboard task of split <paramref name="split"/> under <paramref name="folder"/>, or the reason it is
    /// none (missing, not an annotation file).</summary>
    public static (string? Task, string? Problem) Classify(string folder, string split)
    {
        if (split.Length == 0 || Path.IsPathRooted(split) || split.Replace('\\', '/').Split('/').Contains(".."))
            return (null, $"\"{split}\" must be a path inside the dataset (such as duettest.json or synthetic/test)");
        var full = Path.Combine(folder, split);
        if (Directory.Exists(full))
            return (LeaderboardKey.MultiSource, null);
        if (!File.Exists(full))
            return (null, $"split file \"{split}\" is missing from the dataset (no such file or folder under {folder})");
        try
        {
            var frames = FrameAnnotationReader.Read(full, ClassSpace.ForFolder(folder));
            if (frames.Count == 0)
                return (null, $"\"{split}\" holds no annotated frame");
            return (frames.Any(f => f.Boxes.Count >= 2) ? LeaderboardKey.MultiSource : LeaderboardKey.SingleSource, null);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or System.Text.Json.JsonException)
        {
            return (null, $"\"{split}\" is not an annotation file (solotest.json / duettest.json layout): {e.Message}");
        }
    }

    /// <summary>The split names worth offering under a dataset folder: the known ones present, then other top-level
    /// <c>*test*.json</c> files.</summary>
    public static IReadOnlyList<string> Candidates(string folder)
    {
        var found = Known.Where(s => File.Exists(Path.Combine(folder, s)) || Directory.Exists(Path.Combine(folder, s))).ToList();
        foreach (var file in Directory.EnumerateFiles(folder, "*test*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal))
            if (file is not null && !found.Contains(file))
                found.Add(file);
        return found;
    }
}
