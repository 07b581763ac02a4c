namespace Csol.Learning.Training;

/// <summary>One optimisation step, as reported to whoever runs the trainer.</summary>
/// <param name="Step">1-based global step.</param>
/// <param name="TotalSteps">Steps the run will take in all.</param>
/// <param name="Epoch">0-based epoch of this step.</param>
/// <param name="Metrics">Values measured at this step (e.g. <c>loss</c>); epoch-end steps add validation metrics.</param>
/// <param name="ElapsedSeconds">Wall time since the run started.</param>
public sealed record TrainingProgress(
    int Step,
    int TotalSteps,
    int Epoch,
    IReadOnlyDictionary<string, double> Metrics,
    double ElapsedSeconds);

/// <summary>What a finished run produced.</summary>
public sealed record TrainingResult(IReadOnlyDictionary<string, double> FinalMetrics, int Steps, double ElapsedSeconds);
