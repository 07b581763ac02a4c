namespace Csol.Learning.Data.Manifest;

/// <summary>What a data folder holds, for lineage (<see cref="ContentHash"/>) and for a quick check before training.</summary>
/// <param name="Layout"><c>music</c> (video_frames/ + audio_frames/) or <c>synthetic</c> (audio/ + video/ [+ box/]).</param>
/// <param name="Classes">Class names known for the folder (from a videos json or annotation files), sorted.</param>
/// <param name="Videos">Video folders (music) or 0 (synthetic).</param>
/// <param name="Clips">Usable samples: seconds with both a frame folder and audio, or complete synthetic triples.</param>
/// <param name="TotalSeconds">Seconds with a frame folder or audio file (music); samples (synthetic).</param>
/// <param name="ClipsPerClass">Usable clips per class name; videos with no known class count as <c>unknown</c>.</param>
/// <param name="ContentHash">SHA-256 over the sorted relative paths and bytes of every file, hex.</param>
/// <param name="Problems">Missing seconds, unreadable files, count mismatches.</param>
public sealed record DatasetManifest(
    string Root, string Layout, IReadOnlyList<string> Classes, int Videos, int Clips, int TotalSeconds,
    IReadOnlyDictionary<string, int> ClipsPerClass, string ContentHash, long Files, long Bytes, IReadOnlyList<string> Problems);
