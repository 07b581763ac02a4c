using Csol.Learning.Data;
using static TorchSharp.torch;

namespace Csol.Learning.Evaluation;

/// <summary>Maps that ignore the input, scored by the very same <see cref="SingleSourceEvaluator"/> as the model so
/// its numbers have a floor to be read against (spec §4.1).</summary>
/// <remarks>
/// <list type="bullet">
/// <item><b>Centre prior</b>: an isotropic Gaussian at the frame centre, σ = a quarter of the map side.</item>
/// <item><b>Uniform</b>: every pixel equal. Under the relative threshold <c>pred &gt; t·max</c> (t &lt; 1) every pixel
/// is marked, so each frame's cIoU is the box's share of the frame, and pointing takes the first maximum, the
/// top-left pixel. It measures how much of the frame the boxes cover: the score of "predict everything".</item>
/// </list></remarks>
public static class BaselineMaps
{
    /// <summary>(1,1,side,side) centred Gaussian.</summary>
    public static Tensor CentrePrior(int side)
    {
        var sigma = side / 4.0;
        var centre = (side - 1) / 2.0;
        var values = new float[side * side];
        for (var r = 0; r < side; r++)
            for (var c = 0; c < side; c++)
                values[r * side + c] = (float)Math.Exp(-((r - centre) * (r - centre) + (c - centre) * (c - centre)) / (2 * sigma * sigma));
        return tensor(values, [1, 1, side, side]);
    }

    /// <summary>(1,1,side,side) of ones.</summary>
    public static Tensor Uniform(int side) => ones(1, 1, side, side);

    /// <summary>Scores both baselines on <paramref name="set"/> (unflipped boxes, maps of the network's side).</summary>
    /// <returns>The two evaluators, keyed <c>baseline_center</c> and <c>baseline_uniform</c>.</returns>
    public static IReadOnlyDictionary<string, SingleSourceEvaluator> Score(ProceduralAudioVisualSet set, int mapSide, double relativeThreshold)
        => Score(
            set.Clips.Select(c => (c.Index.ToString(System.Globalization.CultureInfo.InvariantCulture), (IReadOnlyList<NormalizedBox>)[c.Box]))
            .ToArray(),
            set.ImageSize, mapSide, relativeThreshold);

    /// <summary>Scores both baselines on frames given by key and boxes (e.g. a <c>solotest.json</c>'s annotated frames).</summary>
    public static IReadOnlyDictionary<string, SingleSourceEvaluator> Score(IReadOnlyList<(string Key, IReadOnlyList<NormalizedBox> Boxes)> frames,
        int imageSize, int mapSide, double relativeThreshold)
    {
        var result = new Dictionary<string, SingleSourceEvaluator>();
        foreach (var (name, make) in new (string, Func<int, Tensor>)[] { ("baseline_center", CentrePrior), ("baseline_uniform", Uniform) })
        {
            var evaluator = new SingleSourceEvaluator(imageSize, relativeThreshold);
            using var map = make(mapSide);
            foreach (var (key, boxes) in frames)
                evaluator.Add(map, [boxes], [key]);
            result[name] = evaluator;
        }
        return result;
    }

    /// <summary><c>{name}_iou@0.5</c>, <c>{name}_auc</c>, <c>{name}_pointing</c> for each evaluator.</summary>
    public static Dictionary<string, double> Metrics(IReadOnlyDictionary<string, SingleSourceEvaluator> evaluators)
        => evaluators.SelectMany(e => new[]
        {
            KeyValuePair.Create($"{e.Key}_iou@0.5", e.Value.IoUAt05),
            KeyValuePair.Create($"{e.Key}_auc", e.Value.AreaUnderCurve),
            KeyValuePair.Create($"{e.Key}_pointing", e.Value.PointingAccuracy),
        }).ToDictionary();
}
