using Csol.Learning.Data.Loading;
using Csol.Learning.Data.Manifest;
using Csol.Learning.Data.Music;
using Csol.Tests.Support;
using Xunit;

namespace Csol.Tests.Learning.Data.Manifest;

[Trait("Category", "unit")]
[Collection(nameof(DatasetInspectorTests))] // its own collection: runs in parallel
public sealed class DatasetInspectorTests
{
    [Fact]
    public void Inspect_MusicLayout_CountsClipsPerClass_AndListsProblems()
    {
        using var dir = TestPaths.NewTempDirectory("manifest");
        var videos = MusicLayoutGenerator.Write(dir.Path, videos: 3, seconds: 2, framesPerSecond: 1, width: 16, height: 16);
        MusicVideosWriter.Write(Path.Combine(dir.Path, "videos.json"), new MusicVideoList(1.0, new Dictionary<string, IReadOnlyList<string>>
        {
            ["cello"] = [MusicVideoNames.YouTubeId(videos[0]), MusicVideoNames.YouTubeId(videos[1])],
        }));
        File.Delete(Path.Combine(dir.Path, "audio_frames", videos[1], "001.npy"));

        var manifest = DatasetInspector.Inspect(dir.Path);

        Assert.Equal(("music", 3, 5, 6), (manifest.Layout, manifest.Videos, manifest.Clips, manifest.TotalSeconds));
        Assert.Equal(["cello"], manifest.Classes);
        Assert.Equal(3, manifest.ClipsPerClass["cello"]);
        Assert.Equal(2, manifest.ClipsPerClass[DatasetInspector.Unknown]);
        Assert.Contains("001.npy", Assert.Single(manifest.Problems));
        Assert.Equal(64, manifest.ContentHash.Length);
    }

    [Fact]
    public void ContentHash_ChangesWithBytesAndNames_NotWithTime()
    {
        using var dir = TestPaths.NewTempDirectory("manifest");
        File.WriteAllText(Path.Combine(dir.Path, "a.txt"), "one");
        var first = ContentHasher.Hash(dir.Path).Hash;
        File.SetLastWriteTimeUtc(Path.Combine(dir.Path, "a.txt"), DateTime.UnixEpoch);
        var touched = ContentHasher.Hash(dir.Path).Hash;
        File.WriteAllText(Path.Combine(dir.Path, "a.txt"), "two");
        var edited = ContentHasher.Hash(dir.Path).Hash;
        File.Move(Path.Combine(dir.Path, "a.txt"), Path.Combine(dir.Path, "b.txt"));
        var renamed = ContentHasher.Hash(dir.Path).Hash;

        Assert.Equal(first, touched);
        Assert.Equal(4, new[] { first, edited, renamed, "" }.Distinct().Count());
    }
}
