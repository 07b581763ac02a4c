using Csol.Learning.Data.Clipart;
using Csol.Learning.Pretraining;
using Xunit;

namespace Csol.Tests.Learning.Pretraining;

[Trait("Category", "host")]
public sealed class PretrainCategoriesTests
{
    private static readonly string Root = ClipartTools.Default.ClipartRoot;
    private static readonly IReadOnlyList<PretrainCategory> All = PretrainCategories.Scan(Root, perCategory: 1000);

    [Fact]
    public void Scan_NeverPicksAMusicOrInstrumentDrawing()
    {
        var picked = All.SelectMany(c => c.Train.Concat(c.HeldOut)).Select(Path.GetFullPath).ToHashSet(StringComparer.Ordinal);
        var instruments = ClipartCatalogue.Scan(ClipartTools.Default.MusicFolder).Classes.SelectMany(c => c.Train.Concat(c.Test)).ToList();
        var keywords = ClipartInstruments.All.SelectMany(i => i.Keywords).ToList();

        Assert.True(picked.Count > 1000, $"only {picked.Count} drawings");
        Assert.NotEmpty(instruments);
        Assert.All(instruments, f => Assert.DoesNotContain(Path.GetFullPath(f), picked));
        Assert.DoesNotContain(picked, f => f.Contains("/recreation/music/", StringComparison.Ordinal));
        Assert.DoesNotContain(picked, f => keywords.Any(k => Path.GetFileName(f).Contains(k, StringComparison.OrdinalIgnoreCase)));
        Assert.DoesNotContain(All,
            c => c.Name.StartsWith("recreation/music", StringComparison.Ordinal) || c.Name.StartsWith("special", StringComparison.Ordinal));
        // Instrument-named drawings outside the music folder exist, so the keyword rule is doing something.
        Assert.Contains(Directory.EnumerateFiles(Root, "*.svg", SearchOption.AllDirectories),
            f => !f.Contains("/recreation/music/", StringComparison.Ordinal) && PretrainCategories.IsExcluded(Path.GetRelativePath(Root, f)));
    }

    [Fact]
    public void Scan_CategoriesAreTwoFoldersDeepBigEnoughAndHoldOutEveryFifthDrawing()
    {
        Assert.Equal(All.Select(c => c.Name).Order(StringComparer.Ordinal), All.Select(c => c.Name));
        Assert.Contains(All, c => c.Name == "animals/birds");
        Assert.Contains(All, c => c.Name == "food/fruit");
        Assert.All(All, c => Assert.True(c.Name.Count(ch => ch == '/') <= 1, c.Name));
        Assert.All(All, c => Assert.True(c.Train.Count + c.HeldOut.Count >= PretrainCategories.MinDrawings, c.Name));
        Assert.All(All, c => Assert.Empty(c.Train.Intersect(c.HeldOut)));
        Assert.All(All, c => Assert.Equal((c.Train.Count + c.HeldOut.Count + 3) / 5, c.HeldOut.Count));
    }

    [Fact]
    public void Scan_CapsAndLimitsCategories()
    {
        var capped = PretrainCategories.Scan(Root, perCategory: 5, firstCategories: 3);

        Assert.Equal(All.Take(3).Select(c => c.Name), capped.Select(c => c.Name));
        Assert.All(capped, c => Assert.Equal((4, 1), (c.Train.Count, c.HeldOut.Count)));
    }
}
