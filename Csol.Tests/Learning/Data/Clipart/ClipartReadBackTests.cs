using Csol.Learning.Data.Manifest;
using Csol.Learning.Data.Music;
using Xunit;

namespace Csol.Tests.Learning.Data.Clipart;

/// <summary>
/// A clip-art build flows through the same readers as MUSIC (with the class space from its <c>categories.json</c>),
/// and the inspector finds nothing wrong with it. Run on a build of MUSIC detector classes and on a mixed one.
/// </summary>
[Trait("Category", "host")]
public abstract class ClipartReadBackTests(TinyClipartBuild build)
{
    [Fact]
    public void ClassSpace_IsTheSortedBuildClasses_WithTheirCategoryIds()
    {
        Assert.Equal(build.Options.Classes.Order(StringComparer.Ordinal), build.Classes.Names);
        Assert.All(build.Classes.Names, name => Assert.Equal(
            Csol.Learning.Data.Clipart.ClipartInstruments.Get(name).CategoryId,
            build.Classes.ToCategoryId(build.Classes.IndexOf(name, "test"))));
    }

    [Fact]
    public void ClassListsAndSplitLists_ReadBack()
    {
        var solo = MusicVideosReader.Read(Path.Combine(build.Folder, "MUSIC_label", "MUSIC_solo_videos.json"), build.Classes);
        var duet = MusicVideosReader.Read(Path.Combine(build.Folder, "MUSIC_label", "MUSIC_duet_videos.json"), build.Classes);
        var all = SplitListReader.Read(Path.Combine(build.Folder, "solo", "solo_pairs.txt"));

        Assert.Equal(build.Classes.Names, solo.Groups.Keys.Order(StringComparer.Ordinal));
        Assert.All(solo.Groups.Values, ids => Assert.Equal(2, ids.Count));
        Assert.Equal(2, duet.VideoCount);
        Assert.All(duet.ClassesByVideo("duet", build.Classes).Values, classes => Assert.Equal(2, classes.Distinct().Count()));
        Assert.Equal(solo.Groups.Values.SelectMany(i => i).Order(StringComparer.Ordinal),
            all.Select(MusicVideoNames.YouTubeId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Annotations_ReadBackWithTheVideosClasses()
    {
        var soloClasses = MusicVideosReader.Read(Path.Combine(build.Folder, "MUSIC_label", "MUSIC_solo_videos.json"), build.Classes)
            .ClassesByVideo("solo", build.Classes);
        var solo = FrameAnnotationReader.Read(Path.Combine(build.Folder, "solotest.json"), build.Classes);

        Assert.Equal(build.Classes.Count * 3 * 4, solo.Count);
        Assert.All(solo, f => Assert.Equal(soloClasses[MusicVideoNames.YouTubeId(f.Video)], [Assert.Single(f.Boxes).ClassIndex]));
    }

    [Fact]
    public void SyntheticTestSet_ReadsBackAsFourBoxesTwoSounding()
    {
        var samples = MusicSyntheticReader.ReadFolder(Path.Combine(build.Folder, "synthetic", "test"));

        Assert.Equal(2, samples.Count);
        foreach (var sample in samples)
        {
            var boxes = MusicSyntheticReader.ReadBoxes(sample.BoxPath!, build.Classes);
            Assert.Equal(4, boxes.Select(b => b.ClassIndex).Distinct().Count());
            Assert.Equal(2, boxes.Count(b => b.Sounding));
            Assert.All(boxes,
                b => Assert.True(b.Box.X >= 0 && b.Box.Y >= 0 && b.Box.X + b.Box.Width <= 1 + 1e-6 && b.Box.Y + b.Box.Height <= 1 + 1e-6, $"{b}"));
        }
    }

    [Fact]
    public void Inspector_FindsNoProblems_AndCountsEveryClass()
    {
        var lists = new[] { "MUSIC_solo_videos.json", "MUSIC_duet_videos.json" }
            .SelectMany(f => MusicVideosReader.Read(Path.Combine(build.Folder, "MUSIC_label", f), build.Classes).Groups);
        var expected =
            build.Classes.Names.ToDictionary(n => n,
                n => build.Options.Seconds * lists.Where(g => g.Key.Split(' ').Contains(n)).Sum(g => g.Value.Count));

        var manifest = DatasetInspector.Inspect(build.Folder);

        Assert.Empty(manifest.Problems);
        Assert.Equal(build.Classes.Names, manifest.Classes);
        Assert.Equal(expected, manifest.ClipsPerClass);
        Assert.DoesNotContain(DatasetInspector.Unknown, manifest.ClipsPerClass.Keys);
    }

    [Fact]
    public void Inspector_OnTheSyntheticSplit_UsesTheDatasetsCategories()
    {
        var manifest = DatasetInspector.Inspect(Path.Combine(build.Folder, "synthetic", "test"));

        Assert.Empty(manifest.Problems);
        Assert.Equal(2 * 4, manifest.ClipsPerClass.Values.Sum());
        Assert.All(manifest.Classes, c => Assert.Contains(c, build.Classes.Names));
    }

    [Fact]
    public void Manifest_IsTheInspectorsAndRecordsTheFoldersHash()
    {
        var written = File.ReadAllText(Path.Combine(build.Folder, DatasetManifestJson.FileName));

        var again = DatasetInspector.Inspect(build.Folder) with { Root = "." };

        Assert.Equal(DatasetManifestJson.Serialize(again) + "\n", written);
    }
}

[Trait("Category", "host")]
public sealed class DetectorClassClipartReadBackTests(TinyClipartBuild build) : ClipartReadBackTests(build), IClassFixture<TinyClipartBuild>;

[Trait("Category", "host")]
public sealed class MixedClassClipartReadBackTests(TinyMixedClipartBuild build) : ClipartReadBackTests(build), IClassFixture<TinyMixedClipartBuild>
{
    [Fact]
    public void MusicSpace_RejectsTheBuildsOwnIds_NamingFileKeyAndId()
    {
        var path = Path.Combine(build.Folder, "solotest.json");

        var error = Assert.Throws<InvalidDataException>(() => FrameAnnotationReader.Read(path));

        Assert.Matches(@"solotest\.json: clipart-\S+/frame_\d{3}/\d{5}\.jpg: unknown detector category id 1\d\d \(known: 1, 3, 8, 10, 11, 12, 13\)",
            error.Message);
    }
}
