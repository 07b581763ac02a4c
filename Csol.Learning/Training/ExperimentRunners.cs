namespace Csol.Learning.Training;

/// <summary>Anything <c>csol run</c> and the job queue can run: reports every step and returns the final metrics.</summary>
public interface IExperimentRunner
{
    /// <summary>Runs to the end; <paramref name="onProgress"/> is called after every step on the calling thread. Throws
    /// <see cref="OperationCanceledException"/> within one step of <paramref name="cancellationToken"/> firing.</summary>
    TrainingResult Run(Action<TrainingProgress> onProgress, CancellationToken cancellationToken);
}
