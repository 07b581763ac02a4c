namespace Csol.Learning.Pretraining;

/// <summary>A category as the run used it: label = position in <see cref="PretrainManifest.Categories"/>.</summary>
public sealed record PretrainManifestCategory(string Name, int TrainDrawings, int HeldOutDrawings);

/// <summary>What a pretraining produced, written beside the weights (<see cref="ClipartPretrainOptions.ManifestPath"/>).</summary>
/// <param name="TrainAccuracy">Accuracy over the last logging window's training samples (augmented, training drawings).</param>
/// <param name="HeldOutAccuracy">Accuracy on the fixed held-out set: held-out drawings, eval transforms, eval-mode BatchNorm.</param>
/// <param name="HeldOutSamples">Size of that set (<see cref="ClipartPretrainer.HeldOutPerCategory"/> per category with held-out drawings).</param>
public sealed record PretrainManifest(
    ClipartPretrainOptions Options,
    IReadOnlyList<PretrainManifestCategory> Categories,
    int SkippedDrawings,
    int Steps,
    double FinalLoss,
    double TrainAccuracy,
    double HeldOutAccuracy,
    int HeldOutSamples,
    double ChanceAccuracy,
    double LoadSeconds,
    double TrainSeconds,
    double MillisecondsPerSample);
