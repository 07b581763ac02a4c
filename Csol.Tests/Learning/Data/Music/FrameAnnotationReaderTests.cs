using Csol.Learning.Data;
using Csol.Learning.Data.Music;
using Csol.Tests.Support;
using Xunit;

namespace Csol.Tests.Learning.Data.Music;

[Trait("Category", "unit")]
[Collection(nameof(FrameAnnotationReaderTests))] // its own collection: runs in parallel
public sealed class FrameAnnotationReaderTests
{
    [Fact]
    public void Read_SoloTest_MatchesTheSpecCountsAndSplit()
    {
        var frames = FrameAnnotationReader.Read(ReferenceData.Music("solotest.json"));

        Assert.Equal(13_472, frames.Count);
        Assert.Equal(1_116, frames.Count(f => !f.HasBoxes));
        Assert.All(frames, f => Assert.InRange(f.Boxes.Count, 0, 1));
        var videos = frames.Select(f => f.Video).ToHashSet();
        Assert.Equal(27, videos.Count);
        Assert.Equal(SplitListReader.Read(ReferenceData.Split("solo_testing.txt")).Order(StringComparer.Ordinal),
            videos.Order(StringComparer.Ordinal));
        Assert.Subset(DetectorCategories.AnnotatedClasses.ToHashSet(), frames.SelectMany(f => f.Boxes).Select(b => b.ClassIndex).ToHashSet());
        Assert.All(frames, f => Assert.True(f.Width > 0 && f.Height > 0));
    }

    [Fact]
    public void Read_DuetTest_MatchesTheSpecCountsAndSplit()
    {
        var frames = FrameAnnotationReader.Read(ReferenceData.Music("duettest.json"));

        Assert.Equal(11_512, frames.Count);
        Assert.Equal(1_228, frames.Count(f => !f.HasBoxes));
        Assert.All(frames, f => Assert.InRange(f.Boxes.Count, 0, 2));
        Assert.Contains(frames, f => f.Boxes.Count == 2);
        var videos = frames.Select(f => f.Video).ToHashSet();
        Assert.Equal(16, videos.Count);
        // duet_pairs_val.txt holds these 16 plus 8DHG_hVSw1o, which has no annotation (the spec says "exactly the 16").
        var split = SplitListReader.Read(ReferenceData.Split("duet_pairs_val.txt"));
        Assert.Equal(["8DHG_hVSw1o_0_1000"], split.Except(videos));
        Assert.Subset(split.ToHashSet(), videos);
        Assert.Subset(DetectorCategories.AnnotatedClasses.ToHashSet(), frames.SelectMany(f => f.Boxes).Select(b => b.ClassIndex).ToHashSet());
    }

    [Fact]
    public void Read_FirstSoloKey_IsParsedField_by_field()
    {
        var first = FrameAnnotationReader.Read(ReferenceData.Music("solotest.json"))[0];

        Assert.Equal(("4Oy5VmaacaI_0_1000", 13, 411, 640, 360), (first.Video, first.Second, first.FrameNumber, first.Width, first.Height));
        Assert.Equal(new PixelBox(224, 0, 239, 358), first.Boxes[0].Pixels);
        Assert.Equal(0.35, first.Boxes[0].Box.X);
        Assert.Equal(MusicClasses.IndexOf("cello", "test"), first.Boxes[0].ClassIndex);
    }

    [Fact]
    public void Read_UnknownCategoryId_NamesFileKeyAndId()
    {
        var json = """{"v_0_1000/frame_001/00030.jpg": {"bbox": [{"box": [1,2,3,4], "normbox": [0.1,0.2,0.3,0.4], "category_id": 5}],"""
            + """ "wdith": 10, "height": 10}}""";

        var error =
            Assert.Throws<InvalidDataException>(
                () => FrameAnnotationReader.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json)), "x.json"));

        Assert.StartsWith("x.json: v_0_1000/frame_001/00030.jpg: unknown detector category id 5", error.Message);
    }

    [Fact]
    public void Write_ThenRead_RoundTrips_WithMisspelledWidth()
    {
        var box = FrameAnnotationWriter.BoxFor(new NormalizedBox(0.25, 0.5, 0.25, 0.5), classIndex: 9, width: 400, height: 200);
        FrameAnnotation[] frames =
        [
            new("", "clip_0_1000", 3, 97, 400, 200, [box]),
            new("", "clip_0_1000", 4, 120, 400, 200, []),
        ];
        var stream = new MemoryStream();

        FrameAnnotationWriter.Write(stream, frames);
        var text = System.Text.Encoding.UTF8.GetString(stream.ToArray());
        var back = FrameAnnotationReader.Read(new MemoryStream(stream.ToArray()), "mem");

        Assert.Contains("\"wdith\":400", text);
        Assert.Contains("\"category_id\":11", text);
        Assert.Equal("clip_0_1000/frame_003/00097.jpg", back[0].Key);
        Assert.Equal(new PixelBox(100, 100, 100, 100), back[0].Boxes[0].Pixels);
        Assert.Equal(9, back[0].Boxes[0].ClassIndex);
        Assert.False(back[1].HasBoxes);
    }

    [Fact]
    public void Write_ClassWithoutDetectorId_IsRejected()
    {
        var erhu = FrameAnnotationWriter.BoxFor(new NormalizedBox(0, 0, 1, 1), MusicClasses.IndexOf("erhu", "t"), 10, 10);

        var error = Assert.Throws<ArgumentException>(() => FrameAnnotationWriter.Write(new MemoryStream(), [new("", "v", 0, 0, 10, 10, [erhu])]));

        Assert.Contains("erhu", error.Message);
    }
}
