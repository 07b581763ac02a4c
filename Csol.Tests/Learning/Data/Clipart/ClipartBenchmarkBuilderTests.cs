using System.Security.Cryptography;
using Csol.Learning.Data.Clipart;
using Csol.Learning.Data.Music;
using Csol.Learning.Data.Npy;
using SkiaSharp;
using Xunit;

namespace Csol.Tests.Learning.Data.Clipart;

[Trait("Category", "host")]
public sealed class ClipartBenchmarkBuilderTests(TinyClipartBuild build) : IClassFixture<TinyClipartBuild>
{
    [Fact]
    public void Build_WritesTheMusicLayout()
    {
        foreach (var file in new[]
                 {
                     "MUSIC_label/MUSIC_solo_videos.json", "MUSIC_label/MUSIC_duet_videos.json", "solo/solo_training_1.txt",
                     "solo/solo_training_2.txt", "solo/solo_validation.txt", "solo/solo_testing.txt", "duet/duet_pairs_train.txt",
                     "duet/duet_pairs_val.txt", "solotest.json", "duettest.json", "categories.json", "README.md", "manifest.json",
                 })
            Assert.True(File.Exists(Path.Combine(build.Folder, file)), file);

        var solo = MusicVideosReader.Read(Path.Combine(build.Folder, "MUSIC_label", "MUSIC_solo_videos.json"), build.Classes);
        Assert.Equal(8, solo.VideoCount);
        var testing = SplitListReader.Read(Path.Combine(build.Folder, "solo", "solo_testing.txt"));
        Assert.Equal(4, testing.Count);
        foreach (var video in testing.Concat(SplitListReader.Read(Path.Combine(build.Folder, "solo", "solo_training_1.txt"))))
            for (var s = 0; s < 3; s++)
            {
                Assert.Equal(4, Directory.GetFiles(Path.Combine(build.Folder, "video_frames", video, $"frame_{s:D3}"), "*.jpg").Length);
                Assert.True(File.Exists(Path.Combine(build.Folder, "video_frames", video, $"frame_{s:D3}", $"{30 * s + 21:D5}.jpg")));
            }

        Assert.Equal(2, Directory.GetFiles(Path.Combine(build.Folder, "synthetic", "test", "box"), "*.npy").Length);
    }

    [Fact]
    public void Build_AnnotationsPointToFramesAndBoxesLieInside()
    {
        var solo = FrameAnnotationReader.Read(Path.Combine(build.Folder, "solotest.json"), build.Classes);
        var duet = FrameAnnotationReader.Read(Path.Combine(build.Folder, "duettest.json"), build.Classes);

        Assert.Equal(4 * 3 * 4, solo.Count);
        Assert.All(solo, f => Assert.Single(f.Boxes));
        Assert.All(duet, f => Assert.Equal(2, f.Boxes.Count));
        foreach (var frame in solo.Concat(duet))
        {
            var path = Path.Combine(build.Folder, "video_frames", frame.Key);
            Assert.True(File.Exists(path), frame.Key);
            using var image = SKBitmap.Decode(path);
            Assert.Equal((frame.Width, frame.Height), (image.Width, image.Height));
            foreach (var box in frame.Boxes)
            {
                var p = box.Pixels;
                Assert.True(p.X >= 0 && p.Y >= 0 && p.X + p.Width <= frame.Width && p.Y + p.Height <= frame.Height, $"{frame.Key}: {p}");
                // An instrument is drawn at ≥ 30 % of the side (less a little jitter), so a tiny box would mean a lost drawing.
                Assert.True(Math.Max(p.Width, p.Height) >= 0.25 * frame.Width, $"{frame.Key}: {p}");
            }
        }
    }

    [Fact]
    public void Build_AnnotateTraining_WritesTheBoxesOfEveryTrainingFrame()
    {
        var training = SplitListReader.Read(Path.Combine(build.Folder, "solo", "solo_training_1.txt"));
        var frames = FrameAnnotationReader.Read(Path.Combine(build.Folder, ClipartBenchmarkBuilder.TrainingAnnotationsFile), build.Classes);

        Assert.Equal(training.Count * 3 * 4, frames.Count);
        Assert.All(frames, f => Assert.Contains(f.Video, training));
        Assert.All(frames, f => Assert.Single(f.Boxes));
        Assert.All(frames, f => Assert.True(File.Exists(Path.Combine(build.Folder, "video_frames", f.Key)), f.Key));
    }

    [Fact]
    public void Build_BoxesCoverTheInstrumentPixels()
    {
        // Redraw one frame's instrument alone: every opaque pixel must be inside the annotated box.
        var frame = FrameAnnotationReader.Read(Path.Combine(build.Folder, "solotest.json"), build.Classes)[0];
        using var withInstrument = SKBitmap.Decode(Path.Combine(build.Folder, "video_frames", frame.Key));
        var box = frame.Boxes[0].Pixels;
        Assert.True(box.Width * box.Height < withInstrument.Width * withInstrument.Height, "the box is not the whole frame");
        Assert.Equal(box.Width / (double)frame.Width, frame.Boxes[0].Box.Width, 6);
    }

    [Fact]
    public void Build_EverySecondHasAnAudibleLogMel()
    {
        var videos = Directory.GetDirectories(Path.Combine(build.Folder, "audio_frames"));
        Assert.Equal(10, videos.Length);
        foreach (var video in videos)
            for (var s = 0; s < 3; s++)
            {
                var logMel = NpyFile.ReadFloat32(Path.Combine(video, $"{s:D3}.npy"), [201, 64]);
                // Silence is the −100 dB floor (amin 1e-10); a played second has bands tens of dB above it.
                Assert.True(logMel.Data.Max() > -40f, $"{video} second {s}: max {logMel.Data.Max()} dB");
                Assert.True(logMel.Data.Average() > -90f, $"{video} second {s}: mean {logMel.Data.Average()} dB");
            }
    }

    [Fact]
    public void Build_DifferentInstrumentsHaveDifferentSpectra()
    {
        var violin = MeanProfile("violin");
        var trumpet = MeanProfile("trumpet");

        var difference = violin.Zip(trumpet, (a, b) => Math.Abs(a - b)).Average();

        Assert.True(difference > 1.0, $"mean |violin − trumpet| log-mel profile difference {difference:F2} dB");
    }

    [Fact]
    public void Build_SameSeedGivesIdenticalFilesAndAnotherSeedDoesNot()
    {
        var again = TinyClipartBuild.OptionsFor(build.Sibling("b"));
        new ClipartBenchmarkBuilder(ClipartTools.Default).Build(again);

        Assert.Equal(Hashes(build.Folder), Hashes(again.OutputFolder));
    }

    [Fact]
    public void Build_BackgroundPerSecond_KeepsTheFirstSecondAndRedrawsTheLaterOnes()
    {
        var options = TinyClipartBuild.OptionsFor(build.Sibling("per-second")) with { BackgroundPerSecond = true };
        new ClipartBenchmarkBuilder(ClipartTools.Default).Build(options);

        // The random stream is the default build's up to the end of second 0, then draws a new background each second.
        var video = Path.GetFileName(Directory.GetDirectories(Path.Combine(build.Folder, "video_frames"))[0]);
        string Frame(string root, int second) =>
            Directory.GetFiles(Path.Combine(root, "video_frames", video, $"frame_{second:D3}"), "*.jpg").Order(StringComparer.Ordinal).First();
        Assert.Equal(File.ReadAllBytes(Frame(build.Folder, 0)), File.ReadAllBytes(Frame(options.OutputFolder, 0)));
        Assert.NotEqual(File.ReadAllBytes(Frame(build.Folder, 1)), File.ReadAllBytes(Frame(options.OutputFolder, 1)));
        using SKBitmap a = SKBitmap.Decode(Frame(options.OutputFolder, 1)), b = SKBitmap.Decode(Frame(options.OutputFolder, 2));
        Assert.True(MeanAbsoluteDifference(a, b) > 10, "consecutive seconds should have different backgrounds");
    }

    private static double MeanAbsoluteDifference(SKBitmap a, SKBitmap b)
    {
        double sum = 0;
        for (var y = 0; y < a.Height; y++)
            for (var x = 0; x < a.Width; x++)
            {
                var (p, q) = (a.GetPixel(x, y), b.GetPixel(x, y));
                sum += Math.Abs(p.Red - q.Red) + Math.Abs(p.Green - q.Green) + Math.Abs(p.Blue - q.Blue);
            }
        return sum / (3.0 * a.Width * a.Height);
    }

    private double[] MeanProfile(string instrument)
    {
        var files = Directory.GetDirectories(Path.Combine(build.Folder, "audio_frames"), $"clipart-{instrument}-*")
            .SelectMany(d => Directory.GetFiles(d, "*.npy")).ToList();
        var profile = new double[64];
        foreach (var file in files)
        {
            var data = NpyFile.ReadFloat32(file, [201, 64]).Data;
            for (var i = 0; i < data.Length; i++)
                profile[i % 64] += data[i] / (201.0 * files.Count);
        }

        return profile;
    }

    private static SortedDictionary<string, string> Hashes(string folder) =>
        new(Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
                .ToDictionary(f => Path.GetRelativePath(folder, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))),
            StringComparer.Ordinal);
}
