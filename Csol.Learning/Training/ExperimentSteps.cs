using System.Diagnostics;
using Csol.Learning.Checkpoints;
using Csol.Learning.Experiments;

namespace Csol.Learning.Training;

/// <summary>An experiment cut into the steps the job queue runs as separate jobs: <c>stage-one</c> alone, the pipeline's
/// four steps, or the probe. Every step resumes from what earlier attempts left in <paramref name="outputDirectory"/>
/// (stage one from its newest epoch checkpoint), so a retried or orphaned job continues rather than starts over.</summary>
public sealed class ExperimentSteps(ExperimentConfig config, string outputDirectory)
{
    private PipelineRunner Pipeline => new(config, outputDirectory);

    private string StageOneDirectory => Path.Combine(outputDirectory, "stage-one");

    public IReadOnlyList<string> Names => config.Kind switch
    {
        ExperimentKinds.Pipeline => PipelineRunner.StepNames,
        ExperimentKinds.Probe => ["probe"],
        _ => ["stage-one"],
    };

    /// <summary>The progress step a run of step <paramref name="index"/> continues after (0 for a fresh start).</summary>
    public int ResumePoint(int index) => config.Kind switch
    {
        ExperimentKinds.Pipeline => Pipeline.ResumePoint(index),
        ExperimentKinds.Probe => 0,
        _ => NewestStageOneManifest()?.GlobalStep ?? 0,
    };

    /// <summary>Runs step <paramref name="index"/>. The last step's result carries the experiment's final metrics.</summary>
    /// <param name="attempt">1 for the first try of this step, 2 for its first retry, ...</param>
    public TrainingResult Run(int index, int attempt, Action<TrainingProgress> onProgress, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(outputDirectory);
        return config.Kind switch
        {
            ExperimentKinds.Pipeline => Pipeline.RunThrough(index, onProgress, cancellationToken),
            ExperimentKinds.Probe => RunProbe(attempt, onProgress, cancellationToken),
            _ => RunStageOne(onProgress, cancellationToken),
        };
    }

    private TrainingResult RunStageOne(Action<TrainingProgress> onProgress, CancellationToken cancellationToken)
    {
        var newest = NewestStageOneCheckpoint();
        if (newest is not null && NewestStageOneManifest() is { } manifest && manifest.Epoch >= config.Training.Epochs - 1)
            return new TrainingResult(manifest.Metrics, manifest.GlobalStep, 0); // finished before the process died
        var options = new StageOneTrainerOptions { CheckpointDirectory = StageOneDirectory, ResumeFrom = newest };
        return new StageOneTrainer(config, options).Run(onProgress, cancellationToken);
    }

    private TrainingResult RunProbe(int attempt, Action<TrainingProgress> onProgress, CancellationToken cancellationToken)
    {
        var probe = config.Probe;
        var stopwatch = Stopwatch.StartNew();
        for (var step = 1; step <= probe.Steps; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (probe.StepMilliseconds > 0)
                cancellationToken.WaitHandle.WaitOne(probe.StepMilliseconds);
            cancellationToken.ThrowIfCancellationRequested();
            if (step == probe.Steps && attempt <= probe.FailFirstAttempts)
                throw new InvalidOperationException($"probe: attempt {attempt} fails on purpose (probe.failFirstAttempts is {probe.FailFirstAttempts})");
            onProgress(new TrainingProgress(step, probe.Steps, 0, new Dictionary<string, double> { ["loss"] = 1.0 / step }, stopwatch.Elapsed.TotalSeconds));
        }
        return new TrainingResult(new Dictionary<string, double> { ["loss"] = 1.0 / probe.Steps }, probe.Steps, stopwatch.Elapsed.TotalSeconds);
    }

    private string? NewestStageOneCheckpoint() => Directory.Exists(StageOneDirectory)
        // Only checkpoints whose manifest was written: the resume point is read from it.
        ? Directory.GetFiles(StageOneDirectory, "stage-one-e*.ckpt").Where(f => File.Exists(StageOneCheckpoint.ManifestPath(f)))
            .Order(StringComparer.Ordinal).LastOrDefault()
        : null;

    private CheckpointManifest? NewestStageOneManifest() => NewestStageOneCheckpoint() is { } newest && File.Exists(StageOneCheckpoint.ManifestPath(newest))
        ? CheckpointManifest.Parse(File.ReadAllText(StageOneCheckpoint.ManifestPath(newest)))
        : null;
}
