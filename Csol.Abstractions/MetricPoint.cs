namespace Csol.Abstractions;

/// <summary>One measured value of a run: <c>loss</c> at step 12, <c>val_iou@0.5</c> at the end of epoch 2, ...</summary>
[GenerateSerializer, Immutable]
public sealed record MetricPoint(
    [property: Id(0)] int Step,
    [property: Id(1)] int Epoch,
    [property: Id(2)] string Name,
    [property: Id(3)] double Value,
    [property: Id(4)] double ElapsedSeconds);
