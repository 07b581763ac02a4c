using Csol.Learning.Data;

namespace Csol.Learning.Detection;

/// <summary>One image of a detection set: the network's input and its boxes (annotated, or pseudo-boxes).</summary>
/// <param name="Image">CHW (3 × S × S), ImageNet-normalised as every frame the networks see.</param>
public sealed record DetectionImage(int Index, float[] Image, IReadOnlyList<(int ClassIndex, NormalizedBox Box)> Boxes);

/// <summary>Images of one side with their boxes, e.g. the training composites with their pseudo-boxes.</summary>
public sealed record DetectionSet(string Name, int ImageSize, IReadOnlyList<DetectionImage> Images)
{
    public int BoxCount => Images.Sum(i => i.Boxes.Count);

    public IEnumerable<TruthBox> Truths => Images.SelectMany(i => i.Boxes.Select(b => new TruthBox(i.Index, b.ClassIndex, b.Box)));

    /// <summary>Every shown object of every composite, heard or not: a detector sees no audio, so every instrument is an
    /// object to find.</summary>
    public static DetectionSet FromComposites(string name, ProceduralCocktailPartySet set)
        => new(name, set.ImageSize, set.Composites.Select(c =>
            new DetectionImage(c.Index, c.Image, c.Objects.Select(o => (o.ClassIndex, o.Box)).ToArray())).ToArray());

    /// <summary>The same images with other boxes (e.g. pseudo-boxes), grouped by <see cref="ScoredBox.Image"/>.</summary>
    public DetectionSet WithBoxes(string name, IEnumerable<ScoredBox> boxes)
    {
        var byImage = boxes.GroupBy(b => b.Image).ToDictionary(g => g.Key, g => g.Select(b => (b.ClassIndex, b.Box)).ToArray());
        return new DetectionSet(name, ImageSize, Images.Select(i => i with { Boxes = byImage.GetValueOrDefault(i.Index) ?? [] }).ToArray());
    }
}
