using System.Diagnostics;
using Csol.Learning.Checkpoints;
using Csol.Learning.Detection;
using Csol.Learning.Experiments;
using Csol.Learning.Training;
using Csol.Learning.Training.Data;

namespace Csol.Silo.Jobs;

/// <summary>An experiment cut into the steps the job queue runs as separate jobs: <c>preprocess</c> then <c>stage-one</c>,
/// <c>preprocess</c> then the pipeline's four steps, or the probe (which reads no data). Every step resumes from what earlier attempts left in
/// <paramref name="outputDirectory"/>
/// (stage one from its newest epoch checkpoint), so a retried or orphaned job continues rather than starts over.</summary>
public sealed class ExperimentSteps(ExperimentConfig config, string outputDirectory)
{
    private PipelineRunner Pipeline => new(config, outputDirectory) { BeforeCheckpoint = BeforeCheckpoint };
    private DetectionRunner Detection => new(config, outputDirectory) { BeforeCheckpoint = BeforeCheckpoint };
    // The detection kind: the pipeline's steps (run as the pipeline kind), then its own.
    private bool IsDetectionStep(int index) => index - 1 >= PipelineRunner.StepNamesFor(config).Count;

    /// <summary>See <see cref="StageOneTrainerOptions.BeforeCheckpoint"/>. Settable: the host's reporter exists only
    /// once the step is about to run.</summary>
    public Action? BeforeCheckpoint { get; set; }

    private string StageOneDirectory => Path.Combine(outputDirectory, "stage-one");

    /// <summary>The first step of every kind that reads data: checks the data before any training starts (the host
    /// also registers the dataset and records the experiment's lineage then).</summary>
    public const string PreprocessStep = "preprocess";

    public IReadOnlyList<string> Names => config.Kind switch
    {
        ExperimentKinds.Pipeline => [PreprocessStep, .. PipelineRunner.StepNamesFor(config)],
        ExperimentKinds.Detection => [PreprocessStep, .. DetectionRunner.StepNamesFor(config)],
        ExperimentKinds.Probe => ["probe"],
        ExperimentKinds.Evaluation => [PreprocessStep, "evaluation"],
        _ => [PreprocessStep, "stage-one"],
    };

    public bool IsPreprocess(int index) => Names[index] == PreprocessStep;

    /// <summary>The progress step a run of step <paramref name="index"/> continues after (0 for a fresh start).</summary>
    public int ResumePoint(int index) => IsPreprocess(index) ? 0 : config.Kind switch
    {
        ExperimentKinds.Pipeline => Pipeline.ResumePoint(index - 1),
        ExperimentKinds.Detection => IsDetectionStep(index) ? Detection.ResumePoint() : Detection.Pipeline.ResumePoint(index - 1),
        ExperimentKinds.Probe or ExperimentKinds.Evaluation => 0,
        _ => NewestStageOneManifest()?.GlobalStep ?? 0,
    };

    /// <summary>Runs step <paramref name="index"/>. The last step's result carries the experiment's final metrics.</summary>
    /// <param name="attempt">1 for the first try of this step, 2 for its first retry, ...</param>
    public TrainingResult Run(int index, int attempt, Action<TrainingProgress> onProgress, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(outputDirectory);
        if (IsPreprocess(index))
            return CheckData();
        return config.Kind switch
        {
            ExperimentKinds.Pipeline => Pipeline.RunThrough(index - 1, onProgress, cancellationToken),
            ExperimentKinds.Detection => IsDetectionStep(index) ? Detection.RunDetection(onProgress, cancellationToken)
                // The pipeline's steps count only their own; the experiment's progress runs on to the detector's end.
                : Detection.Pipeline.RunThrough(index - 1, p => onProgress(p with { TotalSteps = Detection.TotalSteps }), cancellationToken),
            ExperimentKinds.Probe => RunProbe(attempt, onProgress, cancellationToken),
            ExperimentKinds.Evaluation => new CheckpointEvaluation(config, outputDirectory).Run(onProgress, cancellationToken),
            _ => RunStageOne(onProgress, cancellationToken),
        };
    }

    /// <summary>Opens the training and validation data as stage one will (split list, class lists, annotations, clip
    /// index) so a missing or broken file fails here, naming it, instead of when training starts. Reads no images.</summary>
    private TrainingResult CheckData()
    {
        if (config.Data.Source == ProceduralDataConfig.MusicSource)
            _ = MusicStageOneData.Open(config);
        return new TrainingResult(new Dictionary<string, double>(), 0, 0);
    }

    private TrainingResult RunStageOne(Action<TrainingProgress> onProgress, CancellationToken cancellationToken)
    {
        var newest = NewestStageOneCheckpoint();
        if (newest is not null && NewestStageOneManifest() is { } manifest && manifest.Epoch >= config.Training.Epochs - 1)
            return new TrainingResult(manifest.Metrics, manifest.GlobalStep, 0); // finished before the process died
        var options =
            new StageOneTrainerOptions { CheckpointDirectory = StageOneDirectory, ResumeFrom = newest, BeforeCheckpoint = BeforeCheckpoint };
        return new StageOneTrainer(config, options).Run(onProgress, cancellationToken);
    }

    private TrainingResult RunProbe(int attempt, Action<TrainingProgress> onProgress, CancellationToken cancellationToken)
    {
        var probe = config.Probe;
        var stopwatch = Stopwatch.StartNew();
        var stopping = config.Training.EarlyStopping is { } rule ? new PatienceStopping(rule) : null;
        var final = new Dictionary<string, double>();
        var steps = probe.Steps;
        for (var step = 1; step <= probe.Steps; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (probe.StepMilliseconds > 0)
                cancellationToken.WaitHandle.WaitOne(probe.StepMilliseconds);
            cancellationToken.ThrowIfCancellationRequested();
            if (step == probe.Steps && attempt <= probe.FailFirstAttempts)
                FailProbe(probe, attempt, cancellationToken);
            var metrics = ProbeMetrics(probe, step);
            foreach (var (key, value) in metrics)
                final[key] = value;
            onProgress(new TrainingProgress(step, probe.Steps, probe.Curves is null ? 0 : step - 1, metrics, stopwatch.Elapsed.TotalSeconds));
            if (stopping is not null && stopping.Offer(step - 1, metrics))
            {
                (final["stopped_early_epoch"], steps) = (step - 1, step);
                break;
            }
        }
        if (stopping?.BestEpoch is { } best)
            (final["selected_epoch"], final[$"best_{stopping.Metric}"]) = (best, stopping.Best!.Value);
        return new TrainingResult(final, steps, stopwatch.Elapsed.TotalSeconds);
    }

    // Every step's loss, and each scripted curve's value at the step (its epoch is step − 1).
    private static Dictionary<string, double> ProbeMetrics(ProbeConfig probe, int step)
    {
        var metrics = new Dictionary<string, double> { ["loss"] = 1.0 / step };
        foreach (var (name, curve) in probe.Curves ?? new Dictionary<string, double[]>())
            metrics[name] = curve[step - 1];
        return metrics;
    }

    private static void FailProbe(ProbeConfig probe, int attempt, CancellationToken cancellationToken)
    {
        switch (probe.Failure)
        {
            case ProbeFailures.Abort:
                Environment.FailFast($"probe: attempt {attempt} aborts its process on purpose (probe.failure is abort)");
                break;
            case ProbeFailures.Allocate:
                AllocateUntilStopped(cancellationToken);
                break;
        }
        throw new InvalidOperationException($"probe: attempt {attempt} fails on purpose (probe.failFirstAttempts is {probe.FailFirstAttempts})");
    }

    // 32 MiB a time, every page written so it is resident, slowly enough (20 ms apart) for a watchdog to see it grow.
    // Stops at 64 GiB if nothing stopped it first.
    private static void AllocateUntilStopped(CancellationToken cancellationToken)
    {
        const int chunk = 32 << 20;
        var held = new List<byte[]>();
        for (var i = 0; i < 2048; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var block = GC.AllocateUninitializedArray<byte>(chunk);
            for (var page = 0; page < chunk; page += 4096)
                block[page] = 1;
            held.Add(block);
            Thread.Sleep(20);
        }
        GC.KeepAlive(held);
    }

    private string? NewestStageOneCheckpoint() => StageOneCheckpoint.Newest(StageOneDirectory);

    private CheckpointManifest? NewestStageOneManifest()
        => NewestStageOneCheckpoint() is { } newest && File.Exists(StageOneCheckpoint.ManifestPath(newest))
        ? CheckpointManifest.Parse(File.ReadAllText(StageOneCheckpoint.ManifestPath(newest)))
        : null;
}
