namespace Csol.Learning.Data.Music;

/// <summary>One instrument of a MUSIC-Synthetic composite.</summary>
/// <param name="ClassIndex">Label in the set's <see cref="ClassSpace"/> (MUSIC by default).</param>
/// <param name="Sounding">Whether it is heard in the mixed audio. The reference's 5-column files carry no flag and its
/// evaluation treats every box as sounding (spec §1.3), so those read as sounding.</param>
public sealed record SyntheticBox(NormalizedBox Box, int ClassIndex, bool Sounding);

/// <summary>A sample of a MUSIC-Synthetic folder: files paired by their position in sorted-name order.</summary>
/// <param name="BoxPath">Null for training folders, which have no <c>box/</c>.</param>
public sealed record SyntheticSample(int Index, string AudioPath, string FramePath, string? BoxPath);
