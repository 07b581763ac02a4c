using Csol.Learning.Data;

namespace Csol.Learning.Evaluation;

/// <summary>Single-source localization metrics of the reference <c>tools.py</c> (spec §4.1), on plain arrays.</summary>
public static class LocalizationMetrics
{
    /// <summary>cIoU thresholds of the AUC, exactly as the reference computes them: <c>0.05 * i</c> in double, i = 0…20.</summary>
    /// <remarks>Not <c>i / 20</c>: the two differ in the last bit at i = 3, 6, 7, 12, 14, 17, 19. It matters where a cIoU
    /// lands on the grid: <c>0.05 * 6</c> is 0.30000000000000004, so a cIoU of exactly 0.3 is below it, and the reference's
    /// CIoU@0.3 (<c>results[6]</c> in eval.py) does not count it (<see cref="CIoUAt03Threshold"/>).</remarks>
    public static readonly IReadOnlyList<double> AucThresholds = Enumerable.Range(0, 21).Select(i => 0.05 * i).ToArray();

    /// <summary>The threshold of the reference's CIoU@0.3: grid point 6, <c>0.05 * 6</c>.</summary>
    public static double CIoUAt03Threshold => AucThresholds[6];

    /// <summary>The threshold of IoU@0.5 / CIoU@0.5: grid point 10, <c>0.05 * 10</c>, which is exactly 0.5.</summary>
    public static double At05Threshold => AucThresholds[10];

    /// <summary>Union of the boxes as a size×size mask: <c>G[int(y):int(y+h), int(x):int(x+w)] = 1</c> with the
    /// normalised box scaled by <paramref name="size"/>, exactly the reference's (truncating) indexing.</summary>
    public static bool[,] GroundTruthMask(IEnumerable<NormalizedBox> boxes, int size)
    {
        var mask = new bool[size, size];
        foreach (var box in boxes)
        {
            double x = box.X * size, y = box.Y * size, w = box.Width * size, h = box.Height * size;
            int y0 = Math.Max(0, (int)y), y1 = Math.Min(size, (int)(y + h));
            int x0 = Math.Max(0, (int)x), x1 = Math.Min(size, (int)(x + w));
            for (var r = y0; r < y1; r++)
                for (var c = x0; c < x1; c++)
                    mask[r, c] = true;
        }
        return mask;
    }

    /// <summary>Predicted mask <c>pred &gt; threshold · max(pred)</c> (the reference's relative threshold 0.1).</summary>
    public static bool[,] RelativeThreshold(float[,] prediction, double relativeThreshold)
    {
        var max = float.MinValue;
        foreach (var value in prediction)
            max = Math.Max(max, value);
        // In float32 like the reference (numpy keeps float32 for array × Python float); a double cut would make
        // 0.1f > 0.1·1.0 true.
        var cut = (float)(relativeThreshold * max);
        var mask = new bool[prediction.GetLength(0), prediction.GetLength(1)];
        for (var r = 0; r < mask.GetLength(0); r++)
            for (var c = 0; c < mask.GetLength(1); c++)
                mask[r, c] = prediction[r, c] > cut;
        return mask;
    }

    /// <summary>Row and column of the first maximum of a map.</summary>
    public static (int Row, int Column) ArgMax(float[,] map)
    {
        var best = (Row: 0, Column: 0);
        for (var r = 0; r < map.GetLength(0); r++)
            for (var c = 0; c < map.GetLength(1); c++)
                if (map[r, c] > map[best.Row, best.Column])
                    best = (r, c);
        return best;
    }

    /// <summary>cIoU = |P∧G| / (|G| + |P∧¬G|); 0 when both are empty (cannot happen for annotated frames).</summary>
    public static double ConsensusIoU(bool[,] predicted, bool[,] groundTruth)
    {
        int intersection = 0, truth = 0, falsePositive = 0;
        for (var r = 0; r < predicted.GetLength(0); r++)
            for (var c = 0; c < predicted.GetLength(1); c++)
            {
                if (groundTruth[r, c]) truth++;
                if (predicted[r, c] && groundTruth[r, c]) intersection++;
                if (predicted[r, c] && !groundTruth[r, c]) falsePositive++;
            }
        var denominator = truth + falsePositive;
        return denominator == 0 ? 0 : (double)intersection / denominator;
    }

    /// <summary>Fraction of frames whose cIoU is at least <paramref name="threshold"/> (IoU@0.5 for 0.5).</summary>
    public static double IoUAtThreshold(IReadOnlyCollection<double> consensusIoUs, double threshold = 0.5)
        => consensusIoUs.Count == 0 ? 0 : (double)consensusIoUs.Count(v => v >= threshold) / consensusIoUs.Count;

    /// <summary>Trapezoid area under r(t) = fraction with cIoU ≥ t over t = 0.05·i (sklearn's <c>auc</c> on the reference's
    /// x = [0.05 * i]).</summary>
    public static double AreaUnderCurve(IReadOnlyCollection<double> consensusIoUs)
    {
        var area = 0.0;
        for (var i = 1; i < AucThresholds.Count; i++)
        {
            var left = IoUAtThreshold(consensusIoUs, AucThresholds[i - 1]);
            var right = IoUAtThreshold(consensusIoUs, AucThresholds[i]);
            area += (AucThresholds[i] - AucThresholds[i - 1]) * (left + right) / 2;
        }
        return area;
    }
}
