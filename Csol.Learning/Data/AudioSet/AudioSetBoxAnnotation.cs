namespace Csol.Learning.Data.AudioSet;

/// <summary>One instrument box of <c>audioset_box.json</c>; <paramref name="Category"/> is the 13-class AudioSet-instrument id.</summary>
public sealed record AudioSetBox(int Category, NormalizedBox Box);

/// <summary>One key <c>&lt;ytid&gt;/&lt;second&gt;</c>; the file has no pixel boxes and no image size (spec §1.3).</summary>
public sealed record AudioSetBoxAnnotation(string Key, string YouTubeId, int Second, IReadOnlyList<AudioSetBox> Boxes)
{
    public bool HasBoxes => Boxes.Count > 0;

    /// <summary>AudioSet-instrument has 13 classes in the reference code (<c>Linear(512, 13)</c>, spec §1.4).</summary>
    public const int CategoryCount = 13;
}
