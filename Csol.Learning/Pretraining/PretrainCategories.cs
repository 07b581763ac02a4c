using Csol.Learning.Data.Clipart;

namespace Csol.Learning.Pretraining;

/// <summary>One pretraining class: its drawings for training and the held-out drawings for the held-out accuracy.</summary>
public sealed record PretrainCategory(string Name, IReadOnlyList<string> Train, IReadOnlyList<string> HeldOut);

/// <summary>
/// Which openclipart drawings pretraining may use, and their labels. The rule:
/// <list type="number">
/// <item>Left out: everything under <c>recreation/music</c> (the instruments' folder), every file whose name contains
/// any instrument keyword of <see cref="ClipartInstruments"/> (exclusion lists ignored, so e.g. an "electric guitar"
/// anywhere is out too), and <c>special/</c> (gradients and fill patterns: pages, not objects).</item>
/// <item>A drawing's category is its first two folders (<c>animals/birds</c>, <c>food/fruit</c>); files directly in a
/// top folder belong to that folder (<c>animals</c>).</item>
/// <item>A sub-category with fewer than <see cref="MinDrawings"/> drawings is merged into its top folder's category;
/// a category still below that after merging is dropped.</item>
/// <item>At most <c>perCategory</c> drawings per category, evenly spaced in name order (they span sub-sub-folders).</item>
/// <item>Every fifth drawing (positions 1, 6, 11, …) is held out: never trained on, used for the held-out accuracy.</item>
/// </list>
/// </summary>
public static class PretrainCategories
{
    public const int MinDrawings = 8;

    private static readonly string[] ExcludedFolders = ["recreation/music", "special"];

    /// <summary>True when pretraining must never see the file (<paramref name="relativePath"/> uses '/').</summary>
    public static bool IsExcluded(string relativePath)
    {
        if (ExcludedFolders.Any(f => relativePath.StartsWith(f + "/", StringComparison.Ordinal)))
            return true;
        var name = Path.GetFileNameWithoutExtension(relativePath);
        return ClipartInstruments.All.SelectMany(i => i.Keywords).Any(k => name.Contains(k, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The categories under <paramref name="root"/> in name order (label = position).</summary>
    public static IReadOnlyList<PretrainCategory> Scan(string root, int perCategory, int firstCategories = 0)
    {
        var byCategory = Directory.EnumerateFiles(root, "*.svg", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(r => !IsExcluded(r))
            .GroupBy(CategoryOf, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);

        foreach (var small in byCategory.Where(p => p.Value.Count < MinDrawings && p.Key.Contains('/')).Select(p => p.Key).ToList())
        {
            var top = small[..small.IndexOf('/')];
            if (!byCategory.TryGetValue(top, out var merged))
                byCategory[top] = merged = [];
            merged.AddRange(byCategory[small]);
            byCategory.Remove(small);
        }

        var categories = byCategory.Where(p => p.Value.Count >= MinDrawings)
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => Split(p.Key, Spaced(p.Value.Order(StringComparer.Ordinal).ToList(), perCategory), root))
            .ToList();
        return firstCategories > 0 ? categories.Take(firstCategories).ToList() : categories;
    }

    private static string CategoryOf(string relativePath)
    {
        var folders = relativePath.Split('/')[..^1];
        return folders.Length == 0 ? "(root)" : string.Join('/', folders.Take(2));
    }

    private static List<string> Spaced(List<string> files, int count) =>
        files.Count <= count ? files : Enumerable.Range(0, count).Select(i => files[(int)((long)i * files.Count / count)]).ToList();

    private static PretrainCategory Split(string name, List<string> files, string root)
    {
        var paths = files.Select(f => Path.Combine(root, f)).ToList();
        return new PretrainCategory(name, paths.Where((_, i) => i % 5 != 1).ToList(), paths.Where((_, i) => i % 5 == 1).ToList());
    }
}
