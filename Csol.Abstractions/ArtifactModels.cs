namespace Csol.Abstractions;

/// <summary>A test image of an experiment's evaluation that has per-class maps to look at.</summary>
/// <param name="FrameUrl">The frame, served from the run folder (relative to the site root).</param>
/// <param name="Sounding">The classes heard in the image's audio.</param>
public sealed record VisualizedImage(int Index, string FrameUrl, IReadOnlyList<string> Sounding, double CIoU);

/// <summary>One class's map of an image (row by row, <see cref="ImageMaps.Rows"/> × <see cref="ImageMaps.Columns"/>,
/// probabilities) and its boxes as fractions of the frame.</summary>
/// <param name="TrulySounding">Whether the class sounds in the ground truth; null when it is not in the image.</param>
public sealed record ClassMap(string Name, bool? TrulySounding, double Peak, IReadOnlyList<float> Values, IReadOnlyList<SampleBox> Boxes);

/// <summary>Everything the Visualizations page draws for one image. Boxes in <see cref="ClassMap.Boxes"/> are in
/// fractions of the frame (0…1), not pixels.</summary>
public sealed record ImageMaps(int Index, string FrameUrl, int FrameSize, int Rows, int Columns, IReadOnlyList<string> Sounding,
    double CIoU, IReadOnlyList<ClassMap> Classes)
{
    /// <summary>The detection kind's detector boxes on this image (fractions of the frame), best first; empty otherwise.</summary>
    public IReadOnlyList<DetectedBox> Detections { get; init; } = [];
}

/// <summary>A box the detection kind's detector predicted, in fractions of the frame, with its class and score.</summary>
public sealed record DetectedBox(string ClassName, double X, double Y, double Width, double Height, double Score);

/// <summary>One evaluation of a run whose maps can be shown: the final one (key <see cref="FinalKey"/>, the checkpoint
/// the metrics come from), an earlier stage-two epoch's state (key <c>eNNN</c>, maps only), or a stage-one validation
/// epoch (key <c>s1-eNNN</c>: the localization map of a few validation frames with their boxes).</summary>
/// <param name="Epoch">The epoch of its stage (0-based); null for the final evaluation.</param>
public sealed record MapsEvaluation(string Key, string Label, int? Epoch)
{
    public const string FinalKey = "final";

    /// <summary>1 for stage-one epochs, 2 for stage-two epochs and the final evaluation.</summary>
    public int Stage { get; init; } = 2;

    public static string StageOneKey(int epoch) => $"s1-e{epoch:000}";

    /// <summary>Training order: stage-one epochs, stage-two epochs, then the final evaluation.</summary>
    public static IReadOnlyList<MapsEvaluation> Timeline(IEnumerable<MapsEvaluation> evaluations) =>
        evaluations.OrderBy(e => e.Stage).ThenBy(e => e.Epoch ?? int.MaxValue).ToArray();
}
