using Csol.Learning.Data;
using Csol.Learning.Experiments;
using TorchSharp;
using Xunit;

namespace Csol.Tests.Learning.Data;

[Trait("Category", "unit")]
public sealed class ProceduralAudioVisualSetTests
{
    private static readonly ProceduralDataConfig Tiny = new() { Classes = 3, ImageSize = 32, AudioFrames = 40, MelBands = 16 };

    [Fact]
    public void Generate_SameSeed_GivesIdenticalClips()
    {
        var first = ProceduralAudioVisualSet.Generate(Tiny, 12, seed: 5);
        var second = ProceduralAudioVisualSet.Generate(Tiny, 12, seed: 5);

        for (var i = 0; i < 12; i++)
        {
            Assert.Equal(first.Clips[i].Image, second.Clips[i].Image);
            Assert.Equal(first.Clips[i].Audio, second.Clips[i].Audio);
            Assert.Equal(first.Clips[i].Box, second.Clips[i].Box);
        }
    }

    [Fact]
    public void Generate_DifferentSeed_GivesDifferentClips()
    {
        var first = ProceduralAudioVisualSet.Generate(Tiny, 4, seed: 5);
        var second = ProceduralAudioVisualSet.Generate(Tiny, 4, seed: 6);

        Assert.NotEqual(first.Clips[0].Image, second.Clips[0].Image);
        Assert.NotEqual(first.Clips[0].Audio, second.Clips[0].Audio);
    }

    [Fact]
    public void Generate_ClipsHaveBoxesInFrameAndAudioInDbRange()
    {
        var set = ProceduralAudioVisualSet.Generate(Tiny, 12, seed: 1);

        Assert.Equal([0, 1, 2], set.Clips.Select(c => c.ClassIndex).Distinct().Order().ToArray());
        foreach (var clip in set.Clips)
        {
            Assert.InRange(clip.Box.Width, 0.19, 0.46);
            Assert.InRange(clip.Box.X, 0, 1 - clip.Box.Width + 1e-9);
            Assert.InRange(clip.Box.Y, 0, 1 - clip.Box.Height + 1e-9);
            Assert.All(clip.Audio, v => Assert.InRange(v, -80f, 0f));
            Assert.Equal(3 * 32 * 32, clip.Image.Length);
        }
    }

    [Fact]
    public void Batcher_SameSeed_GivesIdenticalTensors_AndInterleavesLabels()
    {
        var set = ProceduralAudioVisualSet.Generate(Tiny, 16, seed: 2);
        CorrespondenceBatch Batch() =>
            new CorrespondenceBatcher(set, new Random(9), 0.5, torch.CPU).Build([0, 5, 9]);

        using var scope = torch.NewDisposeScope();
        var first = Batch();
        var second = Batch();

        Assert.Equal(new long[] { 3, 1, 40, 16 }, first.Audio.shape);
        Assert.Equal(new long[] { 6, 3, 32, 32 }, first.Images.shape);
        Assert.Equal([1f, 0f, 1f, 0f, 1f, 0f], first.Labels.data<float>().ToArray());
        Assert.Equal(first.Images.data<float>().ToArray(), second.Images.data<float>().ToArray());
        Assert.Equal(first.Audio.data<float>().ToArray(), second.Audio.data<float>().ToArray());
        Assert.Equal(first.PositiveBoxes, second.PositiveBoxes);
    }
}
