namespace Csol.Learning.Pretraining;

/// <summary>A logging point: mean loss and accuracy over the steps since the last one; the held-out accuracy when it was measured at this
/// step.</summary>
public sealed record PretrainProgress(int Step, int Steps, double Loss, double TrainAccuracy, double? HeldOutAccuracy, double Seconds);
