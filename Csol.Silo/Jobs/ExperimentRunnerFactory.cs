using Csol.Learning.Experiments;
using Csol.Learning.Training;

namespace Csol.Silo.Jobs;

/// <summary>Chooses the runner for a config's <see cref="ExperimentConfig.Kind"/>, so the CLI and the job agree.</summary>
public static class ExperimentRunnerFactory
{
    /// <param name="outputDirectory">The run's folder. The pipeline needs one (its steps resume from it); stage one
    /// writes its epoch checkpoints (with their validation metrics) into <c>stage-one/</c> under it when given, as the
    /// pipeline does, so the platform can file them.</param>
    public static IExperimentRunner Create(ExperimentConfig config, string? outputDirectory) => config.Kind switch
    {
        ExperimentKinds.StageOne => new StageOneRunner(new StageOneTrainer(config, outputDirectory is null ? null
            : new StageOneTrainerOptions { CheckpointDirectory = Path.Combine(outputDirectory, "stage-one") })),
        ExperimentKinds.Pipeline => new PipelineRunner(config, outputDirectory
            ?? throw new ArgumentException("A pipeline run needs an output directory.", nameof(outputDirectory))),
        ExperimentKinds.Detection => new Learning.Detection.DetectionRunner(config, outputDirectory
            ?? throw new ArgumentException("A detection run needs an output directory.", nameof(outputDirectory))),
        ExperimentKinds.Probe => new ProbeRunner(new ExperimentSteps(config, outputDirectory ?? Path.GetTempPath())),
        _ => throw new ArgumentException($"No runner for experiment kind \"{config.Kind}\".", nameof(config)),
    };

    /// <summary>Whether the kind writes into <c>outputDirectory</c> (callers need not create folders otherwise).</summary>
    public static bool UsesOutputDirectory(ExperimentConfig config)
        => config.Kind is ExperimentKinds.Pipeline or ExperimentKinds.StageOne or ExperimentKinds.Detection;

    private sealed class ProbeRunner(ExperimentSteps steps) : IExperimentRunner
    {
        public TrainingResult Run(Action<TrainingProgress> onProgress, CancellationToken cancellationToken)
            => steps.Run(0, 1, onProgress, cancellationToken);
    }

    private sealed class StageOneRunner(StageOneTrainer trainer) : IExperimentRunner
    {
        public TrainingResult Run(Action<TrainingProgress> onProgress, CancellationToken cancellationToken)
            => trainer.Run(onProgress, cancellationToken);
    }
}
