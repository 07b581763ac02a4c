using Csol.Learning.Data;
using Csol.Learning.Evaluation;
using Csol.Learning.Experiments;
using Csol.Learning.Models;
using Csol.Learning.Training.Data;
using TorchSharp;

namespace Csol.Learning.Training;

/// <summary>End-of-epoch validation: correspondence loss/accuracy and single-source localization (spec §4.1).</summary>
internal static class StageOneValidation
{
    public static Dictionary<string, double> Evaluate(
        StageOneLocalizationNet net, IStageOneData data, ExperimentConfig config, torch.Device device,
        CancellationToken cancellationToken, string? resultsDirectory = null)
    {
        var evaluator = new SingleSourceEvaluator(data.ImageSize, config.Evaluation.RelativeThreshold);
        double lossSum = 0;
        long correct = 0, samples = 0;

        net.eval();
        try
        {
            using var noGrad = torch.no_grad();
            foreach (var validation in data.Validation(config.Training.BatchSize, device, cancellationToken))
            {
                using var scope = torch.NewDisposeScope();
                using var owned = validation;
                var batch = validation.Batch;
                var logits = net.Localize(batch.Images, net.EmbedAudio(batch.Audio).repeat_interleave(2, dim: 0));
                var count = batch.Labels.shape[0];
                lossSum += AudioVisualCorrespondenceLoss.Compute(logits, batch.Labels).item<float>() * count;
                correct += CountCorrect(logits, batch.Labels);
                samples += count;

                var positiveMaps = StageOneLocalizationNet.LocalizationMap(logits[torch.TensorIndex.Slice(0, null, 2)]);
                evaluator.Add(positiveMaps, validation.Boxes, validation.Keys);
            }
        }
        finally
        {
            net.train();
        }
        if (resultsDirectory is not null)
            evaluator.WriteResults(resultsDirectory, "model");

        return new Dictionary<string, double>
        {
            ["val_loss"] = lossSum / samples,
            ["val_accuracy"] = (double)correct / samples,
            ["val_iou@0.5"] = evaluator.IoUAt05,
            ["val_auc"] = evaluator.AreaUnderCurve,
            ["val_pointing"] = evaluator.PointingAccuracy,
        };
    }

    /// <summary>Samples whose match decision <c>p &gt; 0.5</c> agrees with the label.</summary>
    public static long CountCorrect(torch.Tensor logitMap, torch.Tensor labels)
    {
        using var scope = torch.NewDisposeScope();
        var predicted = StageOneLocalizationNet.MatchProbability(logitMap) > 0.5;
        return predicted.eq(labels > 0.5).sum().item<long>();
    }
}
