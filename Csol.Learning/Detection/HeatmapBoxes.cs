using Csol.Learning.Data;
using Csol.Learning.Experiments;

namespace Csol.Learning.Detection;

/// <summary>Pseudo-boxes from one image's class-aware maps (the paper's "boxes from heatmaps"): each class map is
/// thresholded relative to its maximum, every connected component becomes a box of that class with a score, then
/// class-wise NMS.</summary>
/// <remarks>Choices where the paper says nothing (docs/detection.md): a class is considered only when its map's peak
/// reaches <see cref="PseudoBoxConfig.MinPeak"/>, because a relative threshold alone would put a box of every class in
/// every image; components smaller than <see cref="PseudoBoxConfig.MinArea"/> of the frame are noise; the score is the
/// mean (or the peak) of the map inside the component's pixels.</remarks>
public static class HeatmapBoxes
{
    /// <param name="classMaps">One map per class (class c = the sum of its matched clusters' probabilities), all the
    /// same size, covering the whole frame.</param>
    public static IReadOnlyList<ScoredBox> Extract(int image, IReadOnlyList<float[,]> classMaps, PseudoBoxConfig settings)
    {
        var boxes = new List<ScoredBox>();
        for (var c = 0; c < classMaps.Count; c++)
            boxes.AddRange(FromClassMap(image, c, classMaps[c], settings));
        return NonMaximumSuppression.ClassWise(boxes, settings.NmsIoU);
    }

    private static IEnumerable<ScoredBox> FromClassMap(int image, int classIndex, float[,] map, PseudoBoxConfig settings)
    {
        var (rows, columns) = (map.GetLength(0), map.GetLength(1));
        var peak = map.Cast<float>().Max();
        if (peak < settings.MinPeak || peak <= 0)
            yield break;
        var cut = settings.RelativeThreshold * peak;
        var mask = new bool[rows, columns];
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < columns; c++)
                mask[r, c] = map[r, c] >= cut;
        foreach (var component in ConnectedComponents.Find(mask))
        {
            var box = new NormalizedBox((double)component.Left / columns, (double)component.Top / rows,
                (double)(component.Right - component.Left + 1) / columns, (double)(component.Bottom - component.Top + 1) / rows);
            if (box.Width * box.Height < settings.MinArea)
                continue;
            var values = component.Pixels.Select(p => (double)map[p.Row, p.Column]).ToArray();
            var score = settings.Score == PseudoBoxConfig.MaxScore ? values.Max() : values.Average();
            yield return new ScoredBox(image, classIndex, box, score);
        }
    }
}
