using Csol.Learning.Data;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Csol.Learning.Detection;

/// <summary>Turns a detector's output into scored boxes: sigmoid heatmap, peaks (cells equal to their 3×3 max-pool),
/// the top k peaks over all classes, each with its predicted size and offset.</summary>
public static class CenterNetDecoder
{
    /// <param name="images">The test-set index of each batch row.</param>
    public static IReadOnlyList<ScoredBox> Decode(DetectorOutput output, IReadOnlyList<int> images, int topK)
    {
        using var scope = NewDisposeScope();
        var heat = functional.sigmoid(output.HeatmapLogits);
        var (batch, classes, grid) = ((int)heat.shape[0], (int)heat.shape[1], (int)heat.shape[3]);
        var pooled = functional.max_pool2d(heat, 3, stride: 1, padding: 1);
        var peaks = (heat * heat.eq(pooled).to_type(heat.dtype)).reshape(batch, -1);
        var k = Math.Min(topK, classes * grid * grid);
        var (scores, indices) = peaks.topk(k, dim: 1);
        var scoreValues = scores.cpu().data<float>().ToArray();
        var indexValues = indices.cpu().data<long>().ToArray();
        var size = output.Size.cpu().data<float>().ToArray();
        var offset = output.Offset?.cpu().data<float>().ToArray();
        var plane = grid * grid;
        var boxes = new List<ScoredBox>();
        for (var b = 0; b < batch; b++)
            for (var j = 0; j < k; j++)
            {
                var index = (int)indexValues[b * k + j];
                var (classIndex, cell) = (index / plane, index % plane);
                var (x, y) = (cell % grid, cell / grid);
                var (ox, oy) = offset is null ? (0.5f, 0.5f) : (offset[(b * 2) * plane + cell], offset[(b * 2 + 1) * plane + cell]);
                var w = Math.Max(0, size[(b * 2) * plane + cell]) / grid;
                var h = Math.Max(0, size[(b * 2 + 1) * plane + cell]) / grid;
                var (cx, cy) = ((x + ox) / grid, (y + oy) / grid);
                boxes.Add(new ScoredBox(images[b], classIndex, Clip(cx - w / 2, cy - h / 2, w, h), scoreValues[b * k + j]));
            }
        return boxes;
    }

    /// <summary>The box's part inside the frame.</summary>
    public static NormalizedBox Clip(double x, double y, double w, double h)
    {
        var (left, top) = (Math.Clamp(x, 0, 1), Math.Clamp(y, 0, 1));
        var (right, bottom) = (Math.Clamp(x + w, 0, 1), Math.Clamp(y + h, 0, 1));
        return new NormalizedBox(left, top, right - left, bottom - top);
    }
}
