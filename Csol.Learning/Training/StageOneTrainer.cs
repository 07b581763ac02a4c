using Csol.Learning.Experiments;

namespace Csol.Learning.Training;

/// <summary>Stage one of CSOL (spec §2.3): audiovisual correspondence training of the localization network.</summary>
public sealed class StageOneTrainer(ExperimentConfig config)
{
    /// <summary>Runs the whole training; <paramref name="onProgress"/> is called after every step, on the calling thread.
    /// Throws <see cref="OperationCanceledException"/> within one step of <paramref name="cancellationToken"/> firing.</summary>
    public TrainingResult Run(Action<TrainingProgress> onProgress, CancellationToken cancellationToken)
        => throw new NotImplementedException(config.Name);
}
