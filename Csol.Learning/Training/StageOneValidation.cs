using Csol.Learning.Data.Npy;
using Csol.Learning.Evaluation;
using Csol.Learning.Models;
using Csol.Learning.Training.Data;
using TorchSharp;

namespace Csol.Learning.Training;

/// <summary>Scores stage one on a split: correspondence loss/accuracy and, when the frames carry boxes, single-source
/// localization (spec §4.1). Used per epoch on the validation split and once on the test frames.</summary>
internal static class StageOneValidation
{
    /// <summary>Raw maps of the scored frames: <c>maps.npy</c> float32 (N, h, w), the sigmoid map <c>l</c> at the network's
    /// resolution (h = w = imageSize/16), row i for line i of <c>maps-keys.txt</c>.</summary>
    public const string MapsFile = "maps.npy";
    public const string MapKeysFile = "maps-keys.txt";

    /// <param name="prefix">Metric name prefix: <c>val</c> or <c>test</c>.</param>
    /// <param name="resultsDirectory">When given (and the frames have boxes): the evaluator's per-frame results and the
    /// raw maps are written there.</param>
    public static Dictionary<string, double> Evaluate(StageOneLocalizationNet net, IEnumerable<ValidationBatch> batches, int imageSize,
        double relativeThreshold, string prefix, bool hasBoxes, string? resultsDirectory = null)
    {
        var evaluator = new SingleSourceEvaluator(imageSize, relativeThreshold);
        var maps = new List<float[]>();
        var keys = new List<string>();
        var mapSide = 0;
        var frames = new StageOneMapFrames(imageSize);
        double lossSum = 0;
        long correct = 0, samples = 0;

        net.eval();
        try
        {
            using var noGrad = torch.no_grad();
            foreach (var scored in batches)
            {
                using var scope = torch.NewDisposeScope();
                using var owned = scored;
                var batch = scored.Batch;
                var logits = net.Localize(batch, net.EmbedAudio(batch.Audio).repeat_interleave(2, dim: 0));
                var count = batch.Labels.shape[0];
                lossSum += AudioVisualCorrespondenceLoss.Compute(logits, batch.Labels).item<float>() * count;
                correct += CountCorrect(logits, batch.Labels);
                samples += count;
                if (!hasBoxes)
                    continue;

                var positiveMaps = StageOneLocalizationNet.LocalizationMap(logits[torch.TensorIndex.Slice(0, null, 2)]);
                evaluator.Add(positiveMaps, scored.Boxes, scored.Keys);
                if (resultsDirectory is null)
                    continue;
                mapSide = (int)positiveMaps.shape[^1];
                if (!frames.Full)
                    frames.Add(batch.Images[torch.TensorIndex.Slice(0, null, 2)], positiveMaps, scored.Boxes, scored.Keys);
                maps.Add(positiveMaps.cpu().contiguous().data<float>().ToArray());
                keys.AddRange(scored.Keys);
            }
        }
        finally
        {
            net.train();
        }
        if (samples == 0)
            return [];

        var metrics = new Dictionary<string, double>
        {
            [$"{prefix}_loss"] = lossSum / samples,
            [$"{prefix}_accuracy"] = (double)correct / samples,
        };
        if (!hasBoxes)
            return metrics;
        metrics[$"{prefix}_iou@0.5"] = evaluator.IoUAt05;
        metrics[$"{prefix}_auc"] = evaluator.AreaUnderCurve;
        metrics[$"{prefix}_pointing"] = evaluator.PointingAccuracy;
        if (resultsDirectory is not null)
        {
            evaluator.WriteResults(resultsDirectory, "model");
            WriteMaps(resultsDirectory, maps, keys, mapSide);
            frames.Write(resultsDirectory, evaluator.Frames);
        }
        return metrics;
    }

    private static void WriteMaps(string directory, List<float[]> maps, List<string> keys, int mapSide)
    {
        Directory.CreateDirectory(directory);
        NpyFile.Write(Path.Combine(directory, MapsFile), new NpyArray<float>([keys.Count, mapSide, mapSide], maps.SelectMany(m => m).ToArray()));
        File.WriteAllLines(Path.Combine(directory, MapKeysFile), keys);
    }

    /// <summary>Samples whose match decision <c>p &gt; 0.5</c> agrees with the label.</summary>
    public static long CountCorrect(torch.Tensor logitMap, torch.Tensor labels)
    {
        using var scope = torch.NewDisposeScope();
        var predicted = StageOneLocalizationNet.MatchProbability(logitMap) > 0.5;
        return predicted.eq(labels > 0.5).sum().item<long>();
    }
}
