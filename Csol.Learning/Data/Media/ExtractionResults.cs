namespace Csol.Learning.Data.Media;

/// <summary>One video's outcome: its name (the file name without extension, as MUSIC's folders use it), how many
/// whole seconds it gave, how many JPEGs, and whether its folders were already complete from an earlier run.</summary>
public sealed record VideoExtraction(string Name, int Seconds, int FrameFiles, bool AlreadyExtracted);

/// <summary>A video that was skipped, and why.</summary>
public sealed record BadVideo(string Path, string Problem);

/// <summary>Reported after each video: its position in the run and either a result or a problem.</summary>
public sealed record VideoOutcome(int Index, int Total, string Path, VideoExtraction? Result, BadVideo? Bad);

/// <summary>The whole run. <see cref="Stopped"/>: a bad video ended it early (no skipping asked for).</summary>
public sealed record DatasetExtractionReport(IReadOnlyList<VideoExtraction> Extracted, IReadOnlyList<BadVideo> Bad, bool Stopped);
