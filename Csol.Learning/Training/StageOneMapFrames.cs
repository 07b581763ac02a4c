using Csol.Learning.Data;
using Csol.Learning.Data.Images;
using Csol.Learning.Evaluation;
using TorchSharp;

namespace Csol.Learning.Training;

/// <summary>The first few scored frames of a stage-one evaluation as viewable maps: the frame, the localization map
/// <c>l</c> at the network's resolution and the true boxes, in <c>maps/NNNN.json</c> + <c>NNNN.png</c> beside the
/// evaluation's results (per validated epoch and for the test frames), so the dashboard can step through epochs.</summary>
/// <remarks>A handful per epoch, not all: the raw maps of every frame are in <c>maps.npy</c> already; these carry the
/// pictures, which cost ~20 KB each.</remarks>
internal sealed class StageOneMapFrames(int imageSize)
{
    public const int Count = 8;
    public const string Folder = "maps";
    /// <summary>Stage one has no classes yet: the one map is "what sounds".</summary>
    public const string MapName = "sounding";

    private readonly List<(string Key, float[] Map, int Side, IReadOnlyList<NormalizedBox> Boxes, float[] Rgb)> _frames = [];

    public bool Full => _frames.Count >= Count;

    /// <summary>Keeps frames of a batch until <see cref="Count"/> are held. <paramref name="positiveImages"/> (B,3,S,S) as
    /// the network saw them (ImageNet-normalised), <paramref name="maps"/> (B,1,h,w).</summary>
    public void Add(torch.Tensor positiveImages, torch.Tensor maps, IReadOnlyList<IReadOnlyList<NormalizedBox>> boxes, IReadOnlyList<string> keys)
    {
        using var scope = torch.NewDisposeScope();
        var side = (int)maps.shape[^1];
        for (var n = 0; n < boxes.Count && !Full; n++)
        {
            if (boxes[n].Count == 0)
                continue;
            var map = maps[n].cpu().contiguous().data<float>().ToArray();
            _frames.Add((keys[n], map, side, boxes[n], Rgb(positiveImages[n])));
        }
    }

    /// <summary>Writes the kept frames with their cIoU (the evaluator's per-frame results, matched by key).</summary>
    public void Write(string resultsDirectory, IReadOnlyList<FrameResult> results)
    {
        var folder = Path.Combine(resultsDirectory, Folder);
        var ciou = results.GroupBy(r => r.Key).ToDictionary(g => g.Key, g => g.First().ConsensusIoU);
        for (var i = 0; i < _frames.Count; i++)
        {
            var (key, map, side, boxes, rgb) = _frames[i];
            var entry = new ClassMapEntry(MapName, true, map.Max(), map, boxes);
            new ImageMapsFile(i, imageSize, side, side, [MapName], ciou.GetValueOrDefault(key), [entry]).WriteInto(folder, rgb);
        }
    }

    // The frame back in [0, 1] (CHW) from the ImageNet normalisation the network saw.
    private static float[] Rgb(torch.Tensor image)
    {
        var (mean, std) = (FrameTransformOptions.ImageNetMean, FrameTransformOptions.ImageNetStd);
        var values = image.cpu().contiguous().data<float>().ToArray();
        var plane = values.Length / 3;
        for (var c = 0; c < 3; c++)
            for (var i = c * plane; i < (c + 1) * plane; i++)
                values[i] = Math.Clamp(values[i] * std[c] + mean[c], 0f, 1f);
        return values;
    }
}
