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
    double CIoU, IReadOnlyList<ClassMap> Classes);

/// <summary>One evaluation of a run whose maps can be shown: the final one (key <see cref="FinalKey"/>, the checkpoint
/// the metrics come from) or an earlier stage-two epoch's state (key <c>eNNN</c>, maps only).</summary>
/// <param name="Epoch">The stage-two epoch (0-based); null for the final evaluation.</param>
public sealed record MapsEvaluation(string Key, string Label, int? Epoch)
{
    public const string FinalKey = "final";
}
