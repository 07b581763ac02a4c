using System.Diagnostics;
using Csol.Learning.Checkpoints;
using Csol.Learning.Evaluation;
using Csol.Learning.Experiments;
using Csol.Learning.Models;
using Csol.Learning.Training.Data;
using TorchSharp;

namespace Csol.Learning.Training;

/// <summary>The <c>evaluation</c> kind: scores one checkpoint file on a split with the evaluators training uses. A
/// stage-one checkpoint gets single-source IoU/AUC on <c>data.testAnnotations</c> (spec §4.1, with the centre-prior and
/// uniform baselines beside it); a stage-two checkpoint gets class-aware CIoU/AUC/NSA on the <c>stageTwo</c> test split
/// with its run's cluster↔class matching (spec §4.3). Nothing is trained; results go under the run folder as in a
/// pipeline's evaluation step.</summary>
public sealed class CheckpointEvaluation(ExperimentConfig config, string outputDirectory)
{
    public TrainingResult Run(Action<TrainingProgress> onProgress, CancellationToken cancellationToken)
    {
        var errors = ExperimentConfigLoader.Validate(config, config.Name);
        if (errors.Count > 0)
            throw new ExperimentConfigException(errors);
        var stopwatch = Stopwatch.StartNew();
        using var threads = TorchThreads.Use(config.Training.Threads);
        var device = TorchDevice.Resolve(config.Device);
        var metrics = config.Evaluation.Stage == "stage-two"
            ? ScoreStageTwo(device, cancellationToken)
            : ScoreStageOne(device, cancellationToken);
        onProgress(new TrainingProgress(1, 1, 0, metrics, stopwatch.Elapsed.TotalSeconds));
        return new TrainingResult(metrics, 1, stopwatch.Elapsed.TotalSeconds);
    }

    private Dictionary<string, double> ScoreStageOne(torch.Device device, CancellationToken cancellationToken)
    {
        var data = StageOneData.For(config);
        using var net = new StageOneLocalizationNet(config.Model, config.Training.Clusters);
        using (var scratch = new AdamOptimizer(net.LocalizationParameters(), config.Training.LearningRate))
            StageOneCheckpoint.Load(config.Evaluation.Checkpoint!, net, scratch);
        net.to(device);
        var directory = Path.Combine(outputDirectory, "evaluation", "test");
        var threshold = config.Evaluation.RelativeThreshold;
        var metrics = StageOneValidation.Evaluate(net, data.Test(config.Training.BatchSize, device, cancellationToken), data.ImageSize,
            threshold, "test", hasBoxes: true, directory);
        // The same floor the trainer reports beside its test figures (stride 16, spec §2.1).
        var baselines = BaselineMaps.Score(data.TestFrames, data.ImageSize, data.ImageSize / 16, threshold);
        foreach (var (name, evaluator) in baselines)
            evaluator.WriteResults(directory, name);
        foreach (var (key, value) in BaselineMaps.Metrics(baselines))
            metrics[key] = value;
        return metrics;
    }

    private Dictionary<string, double> ScoreStageTwo(torch.Device device, CancellationToken cancellationToken)
    {
        var matching = MatchingFile.Read(config.Evaluation.Matching!);
        var (net, _) = StageTwoCheckpoint.Load(config.Evaluation.Checkpoint!, config);
        using (net)
        {
            net.to(device);
            var metrics = StageTwoEvaluation.Run(net, StageTwoData.TestSet(config), matching.ToAssignment(), config, device, outputDirectory,
                cancellationToken);
            metrics["matching_profit"] = matching.Profit;
            metrics["nmi"] = matching.Nmi;
            return metrics;
        }
    }
}
